namespace SmartCity.Edge.Vision.Sources;

/// <summary>The values of <see cref="FrameSourceOptions.Type"/> this project builds itself.</summary>
public static class FrameSourceTypes
{
    /// <summary>Seeded synthetic scene; built by the Simulation project and registered by the agent.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Images in a folder (<see cref="ImageFolderSource"/>).</summary>
    public const string Folder = "folder";

    /// <summary>Video file or network stream through ffmpeg (<see cref="FfmpegSource"/>).</summary>
    public const string Ffmpeg = "ffmpeg";

    /// <summary>USB/CSI camera through V4L2 (<see cref="V4l2CameraSource"/>).</summary>
    public const string V4l2 = "v4l2";

    /// <summary>Raspberry Pi camera through libcamera's rpicam-vid (<see cref="LibcameraSource"/>).</summary>
    public const string Libcamera = "libcamera";

    /// <summary>The built-in types, in the order they are documented.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Folder, Ffmpeg, V4l2, Libcamera];
}
