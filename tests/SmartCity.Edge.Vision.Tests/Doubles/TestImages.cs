using SkiaSharp;

namespace SmartCity.Edge.Vision.Tests.Doubles;

/// <summary>Encodes small solid-colour images for decoder and source tests.</summary>
internal static class TestImages
{
    public static byte[] Encode(int width, int height, byte red, byte green, byte blue, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(red, green, blue));
        using SKData data = bitmap.Encode(format, 95);
        return data.ToArray();
    }
}
