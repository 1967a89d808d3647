using System.Globalization;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>Builds the ffmpeg and ffprobe argument lists for a source; kept apart so they can be checked in tests.</summary>
public static class FfmpegCommand
{
    /// <summary>
    /// Arguments that make ffmpeg decode <see cref="FrameSourceOptions.Path"/> or <see cref="FrameSourceOptions.Url"/>
    /// and write <paramref name="width"/>×<paramref name="height"/> bgr24 frames to stdout. A scale filter is added
    /// only when the output size differs from the input size; an fps filter only when <see cref="FrameSourceOptions.Fps"/> is set.
    /// </summary>
    public static IReadOnlyList<string> Decode(FrameSourceOptions options, int width, int height, bool scale)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error" };
        if (options.IsNetworkStream)
        {
            if (options.Url!.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
            {
                // UDP loses packets on busy Wi-Fi and shows up as smeared frames; TCP costs a little latency.
                args.AddRange(["-rtsp_transport", "tcp"]);
            }
        }
        else
        {
            if (options.RealTime)
            {
                args.Add("-re");
            }

            if (options.Loop)
            {
                args.AddRange(["-stream_loop", "-1"]);
            }
        }

        args.AddRange(["-i", options.IsNetworkStream ? options.Url! : options.Path!, "-an", "-sn"]);
        var filters = new List<string>(2);
        if (options.Fps > 0)
        {
            filters.Add(string.Create(CultureInfo.InvariantCulture, $"fps={options.Fps}"));
        }

        if (scale)
        {
            filters.Add(string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}"));
        }

        if (filters.Count > 0)
        {
            args.AddRange(["-vf", string.Join(',', filters)]);
        }

        args.AddRange(["-f", "rawvideo", "-pix_fmt", "bgr24", "-"]);
        return args;
    }

    /// <summary>Arguments that make ffprobe print "width,height,rate" of the first video stream.</summary>
    public static IReadOnlyList<string> Probe(FrameSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "-v", "error" };
        if (options.IsNetworkStream && options.Url!.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            args.AddRange(["-rtsp_transport", "tcp"]);
        }

        args.AddRange(["-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate", "-of", "csv=p=0",
            options.IsNetworkStream ? options.Url! : options.Path!]);
        return args;
    }

    /// <summary>
    /// Parses ffprobe's "1920,1080,30000/1001" line. Returns false (with the reason) for anything else,
    /// including a zero size.
    /// </summary>
    public static bool TryParseProbe(string output, out int width, out int height, out double fps, out string? error)
    {
        width = height = 0;
        fps = 0;
        string line = (output ?? string.Empty).Trim().Split('\n', 2)[0].Trim().TrimEnd(',');
        string[] parts = line.Split(',');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            || width <= 0 || height <= 0)
        {
            error = $"ffprobe did not report a video size (got '{line}')";
            return false;
        }

        if (parts.Length > 2)
        {
            string[] rate = parts[2].Split('/');
            if (double.TryParse(rate[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double num))
            {
                double den = 1;
                if (rate.Length < 2 || double.TryParse(rate[1], NumberStyles.Float, CultureInfo.InvariantCulture, out den))
                {
                    fps = den > 0 ? num / den : 0;
                }
            }
        }

        error = null;
        return true;
    }
}
