namespace SmartCity.Edge.Vision.Frames;

/// <summary>Pixel layout of a <see cref="Frame"/>. Interleaved 8-bit channels, rows top to bottom.</summary>
public enum PixelFormat
{
    /// <summary>3 bytes per pixel: blue, green, red (OpenCV/ffmpeg "bgr24").</summary>
    Bgr24,

    /// <summary>3 bytes per pixel: red, green, blue (ffmpeg "rgb24").</summary>
    Rgb24,

    /// <summary>1 byte per pixel, luminance.</summary>
    Gray8,
}

/// <summary>Helpers for <see cref="PixelFormat"/>.</summary>
public static class PixelFormats
{
    /// <summary>Bytes per pixel of a format.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Bgr24 or PixelFormat.Rgb24 => 3,
        PixelFormat.Gray8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
