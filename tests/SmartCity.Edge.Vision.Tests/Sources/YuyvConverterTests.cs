using SmartCity.Edge.Vision.Sources;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class YuyvConverterTests
{
    // BT.601 limited range: (Y, U, V) of reference colours and their 8-bit BGR values.
    [Theory]
    [InlineData(235, 128, 128, 255, 255, 255)] // white
    [InlineData(16, 128, 128, 0, 0, 0)] // black
    [InlineData(81, 90, 240, 0, 0, 255)] // red
    [InlineData(145, 54, 34, 0, 255, 0)] // green
    [InlineData(41, 240, 110, 255, 0, 0)] // blue
    [InlineData(126, 128, 128, 128, 128, 128)] // mid grey
    public void Converts_reference_colours(int y, int u, int v, int blue, int green, int red)
    {
        const int width = 4, height = 2;
        byte[] yuyv = new byte[YuyvConverter.ByteCount(width, height)];
        for (int i = 0; i < yuyv.Length; i += 4)
        {
            yuyv[i] = (byte)y;
            yuyv[i + 1] = (byte)u;
            yuyv[i + 2] = (byte)y;
            yuyv[i + 3] = (byte)v;
        }

        byte[] bgr = new byte[width * height * 3];
        Assert.True(YuyvConverter.TryConvert(yuyv, bgr, width, height));

        for (int p = 0; p < bgr.Length; p += 3)
        {
            Assert.InRange(bgr[p], blue - 3, blue + 3);
            Assert.InRange(bgr[p + 1], green - 3, green + 3);
            Assert.InRange(bgr[p + 2], red - 3, red + 3);
        }
    }

    [Fact]
    public void Each_pixel_of_a_pair_keeps_its_own_luma()
    {
        byte[] yuyv = [16, 128, 235, 128];
        byte[] bgr = new byte[6];

        Assert.True(YuyvConverter.TryConvert(yuyv, bgr, 2, 1));

        Assert.Equal([0, 0, 0, 255, 255, 255], bgr);
    }

    [Fact]
    public void Truncated_buffer_is_refused_without_writing()
    {
        byte[] yuyv = new byte[YuyvConverter.ByteCount(4, 4) - 1];
        byte[] bgr = new byte[4 * 4 * 3];
        Array.Fill(bgr, (byte)7);

        Assert.False(YuyvConverter.TryConvert(yuyv, bgr, 4, 4));
        Assert.All(bgr, b => Assert.Equal(7, b));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(0, 2)]
    [InlineData(4, -1)]
    public void Odd_or_empty_sizes_are_refused(int width, int height)
    {
        Assert.False(YuyvConverter.TryConvert(new byte[64], new byte[64], width, height));
    }
}
