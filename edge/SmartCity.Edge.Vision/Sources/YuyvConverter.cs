namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Converts packed YUYV (YUV 4:2:2, byte order Y0 U Y1 V) to bgr24 with BT.601 limited-range integer maths,
/// the encoding UVC webcams use. No tables and no allocation: fixed-point multiplies are as fast as lookups here.
/// </summary>
public static class YuyvConverter
{
    /// <summary>Bytes of one YUYV image: 2 per pixel.</summary>
    public static int ByteCount(int width, int height) => checked(width * height * 2);

    /// <summary>
    /// Converts <paramref name="width"/>×<paramref name="height"/> YUYV pixels to bgr24. Returns false (and writes
    /// nothing) when the width is odd or either buffer is too short for the image: a truncated capture buffer.
    /// </summary>
    public static bool TryConvert(ReadOnlySpan<byte> yuyv, Span<byte> bgr, int width, int height)
    {
        if (width <= 0 || height <= 0 || (width & 1) != 0)
        {
            return false;
        }

        int pixels = width * height;
        if (yuyv.Length < pixels * 2 || bgr.Length < pixels * 3)
        {
            return false;
        }

        int src = 0;
        int dst = 0;
        for (int pair = pixels >> 1; pair > 0; pair--)
        {
            int y0 = yuyv[src] - 16;
            int u = yuyv[src + 1] - 128;
            int y1 = yuyv[src + 2] - 16;
            int v = yuyv[src + 3] - 128;
            src += 4;

            int blue = (516 * u) + 128;
            int green = (-100 * u) - (208 * v) + 128;
            int red = (409 * v) + 128;

            int c = 298 * y0;
            bgr[dst] = Clamp((c + blue) >> 8);
            bgr[dst + 1] = Clamp((c + green) >> 8);
            bgr[dst + 2] = Clamp((c + red) >> 8);
            c = 298 * y1;
            bgr[dst + 3] = Clamp((c + blue) >> 8);
            bgr[dst + 4] = Clamp((c + green) >> 8);
            bgr[dst + 5] = Clamp((c + red) >> 8);
            dst += 6;
        }

        return true;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
