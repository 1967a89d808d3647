namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Configuration of one frame source (bound from the <c>Source</c> section). Which keys matter depends on
/// <see cref="Type"/>; <see cref="Validate(IEnumerable{string}?, string)"/> refuses a bad configuration at start
/// with a message naming the key.
/// </summary>
public sealed class FrameSourceOptions
{
    /// <summary>"synthetic", "folder", "ffmpeg", "v4l2", "libcamera", or a type registered with the factory.</summary>
    public string Type { get; set; } = FrameSourceTypes.Synthetic;

    /// <summary>Folder of images ("folder") or video file ("ffmpeg").</summary>
    public string? Path { get; set; }

    /// <summary>Network stream for "ffmpeg", for example <c>rtsp://camera/stream</c> (instead of <see cref="Path"/>).</summary>
    public string? Url { get; set; }

    /// <summary>V4L2 device ("/dev/video0", default) or libcamera camera index ("0", default).</summary>
    public string? Device { get; set; }

    /// <summary>Frame width in pixels; 0 = the source's own (ffmpeg probes it; cameras default to 640).</summary>
    public int Width { get; set; }

    /// <summary>Frame height in pixels; 0 = the source's own (ffmpeg probes it; cameras default to 480).</summary>
    public int Height { get; set; }

    /// <summary>Frames per second to deliver; 0 = the source's own rate.</summary>
    public double Fps { get; set; }

    /// <summary>Start again from the beginning at the end of a folder or file.</summary>
    public bool Loop { get; set; }

    /// <summary>Pace a folder or file at <see cref="Fps"/> (or its own rate) instead of as fast as possible.</summary>
    public bool RealTime { get; set; }

    /// <summary>The ffmpeg executable (a name on PATH or a full path).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe executable; null = "ffprobe" beside <see cref="FfmpegPath"/>.</summary>
    public string? FfprobePath { get; set; }

    /// <summary>V4L2 capture format: "YUYV" (default) or "MJPEG".</summary>
    public string CaptureFormat { get; set; } = "YUYV";

    /// <summary>JPEG quality (1–100) asked of rpicam-vid for "libcamera".</summary>
    public int MjpegQuality { get; set; } = 80;

    /// <summary>The libcamera video app for "libcamera" ("rpicam-vid" on current Raspberry Pi OS); null = the binding's default (libcamera-vid).</summary>
    public string? LibcameraApp { get; set; }

    /// <summary>A live source that delivers no frame for this long is treated as dead and restarted.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when <see cref="Url"/> names a network stream rather than a file.</summary>
    public bool IsNetworkStream => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The camera defaults when <see cref="Width"/>/<see cref="Height"/> are 0.</summary>
    public (int Width, int Height) CameraSizeOrDefault => (Width > 0 ? Width : 640, Height > 0 ? Height : 480);

    /// <summary>
    /// Checks the options for the built-in types plus <paramref name="registeredTypes"/>. Throws
    /// <see cref="ArgumentException"/> whose message starts with the offending key, for example
    /// <c>Source:Path: folder '/data/x' does not exist</c>.
    /// </summary>
    public void Validate(IEnumerable<string>? registeredTypes = null, string section = "Source")
    {
        string type = (Type ?? string.Empty).Trim().ToLowerInvariant();
        var known = new List<string>(FrameSourceTypes.BuiltIn);
        if (registeredTypes is not null)
        {
            foreach (string extra in registeredTypes)
            {
                known.Add(extra.ToLowerInvariant());
            }
        }

        if (!known.Contains(type))
        {
            throw Refuse(section, nameof(Type), $"unknown source type '{Type}'; expected one of: {string.Join(", ", known)}");
        }

        if (Width < 0 || Height < 0)
        {
            throw Refuse(section, Width < 0 ? nameof(Width) : nameof(Height), "must not be negative");
        }

        if ((Width == 0) != (Height == 0))
        {
            throw Refuse(section, Width == 0 ? nameof(Width) : nameof(Height), "set both Width and Height, or neither");
        }

        if (double.IsNaN(Fps) || Fps < 0 || double.IsInfinity(Fps))
        {
            throw Refuse(section, nameof(Fps), $"must be 0 (source rate) or a positive number, not {Fps}");
        }

        if (StallTimeout <= TimeSpan.Zero)
        {
            throw Refuse(section, nameof(StallTimeout), "must be positive");
        }

        switch (type)
        {
            case FrameSourceTypes.Folder:
                RequireReadableFolder(section);
                break;
            case FrameSourceTypes.Ffmpeg:
                ValidateFfmpeg(section);
                break;
            case FrameSourceTypes.V4l2:
                if (!V4l2DevicePath.TryParse(Device, out _))
                {
                    throw Refuse(section, nameof(Device), $"'{Device}' is not a V4L2 device path like /dev/video0");
                }

                if (!Enum.TryParse(CaptureFormat, ignoreCase: true, out V4l2CaptureFormat _))
                {
                    throw Refuse(section, nameof(CaptureFormat), $"'{CaptureFormat}' is not supported; use YUYV or MJPEG");
                }

                break;
            case FrameSourceTypes.Libcamera:
                if (Device is not null && (!int.TryParse(Device, out int index) || index < 0))
                {
                    throw Refuse(section, nameof(Device), $"'{Device}' is not a libcamera camera index like 0");
                }

                if (MjpegQuality is < 1 or > 100)
                {
                    throw Refuse(section, nameof(MjpegQuality), "must be between 1 and 100");
                }

                break;
        }
    }

    private void RequireReadableFolder(string section)
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw Refuse(section, nameof(Path), "is required for a folder source");
        }

        if (!Directory.Exists(Path))
        {
            throw Refuse(section, nameof(Path), $"folder '{Path}' does not exist");
        }

        try
        {
            using IEnumerator<string> probe = Directory.EnumerateFiles(Path).GetEnumerator();
            probe.MoveNext();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw Refuse(section, nameof(Path), $"folder '{Path}' cannot be read: {ex.Message}");
        }
    }

    private void ValidateFfmpeg(string section)
    {
        bool hasPath = !string.IsNullOrWhiteSpace(Path);
        if (hasPath == IsNetworkStream)
        {
            throw Refuse(section, hasPath ? nameof(Url) : nameof(Path), "an ffmpeg source needs exactly one of Path (file) or Url (stream)");
        }

        if (IsNetworkStream)
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri) || uri.IsFile)
            {
                throw Refuse(section, nameof(Url), $"'{Url}' is not an absolute stream URL like rtsp://host/path");
            }
        }
        else
        {
            try
            {
                using FileStream probe = File.OpenRead(Path!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw Refuse(section, nameof(Path), $"video file '{Path}' cannot be read: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(FfmpegPath))
        {
            throw Refuse(section, nameof(FfmpegPath), "must name the ffmpeg executable");
        }
    }

    private static ArgumentException Refuse(string section, string key, string problem) =>
        new($"{section}:{key}: {problem}.", key);
}
