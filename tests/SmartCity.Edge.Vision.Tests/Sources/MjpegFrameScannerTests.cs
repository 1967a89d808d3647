using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class MjpegFrameScannerTests
{
    [Fact]
    public void Finds_back_to_back_images_exactly()
    {
        byte[] first = TestImages.Encode(32, 16, 255, 0, 0);
        byte[] second = TestImages.Encode(16, 16, 0, 0, 255);
        byte[] stream = [.. first, .. second];

        Assert.Equal(MjpegScanResult.Complete, MjpegFrameScanner.Scan(stream, out int start, out int length));
        Assert.Equal((0, first.Length), (start, length));
        Assert.Equal(MjpegScanResult.Complete, MjpegFrameScanner.Scan(stream.AsSpan(length), out start, out length));
        Assert.Equal((0, second.Length), (start, length));
    }

    [Fact]
    public void Every_prefix_of_an_image_needs_more_data()
    {
        byte[] image = TestImages.Encode(24, 24, 10, 200, 30);

        for (int cut = 0; cut < image.Length; cut++)
        {
            Assert.Equal(MjpegScanResult.NeedMoreData, MjpegFrameScanner.Scan(image.AsSpan(0, cut), out _, out _));
        }
    }

    [Fact]
    public void Leading_garbage_is_skipped()
    {
        byte[] image = TestImages.Encode(8, 8, 1, 2, 3);
        byte[] stream = [0x00, 0x12, 0xFF, 0x00, .. image];

        Assert.Equal(MjpegScanResult.Complete, MjpegFrameScanner.Scan(stream, out int start, out int length));
        Assert.Equal((4, image.Length), (start, length));
    }

    [Fact]
    public void Image_cut_off_by_the_next_one_is_reported_as_truncated()
    {
        byte[] image = TestImages.Encode(32, 32, 90, 90, 90);
        int cut = image.Length / 2;
        byte[] stream = [.. image.AsSpan(0, cut), .. image];

        Assert.Equal(MjpegScanResult.Truncated, MjpegFrameScanner.Scan(stream, out int start, out int length));
        Assert.Equal((0, cut), (start, length));
        Assert.Equal(MjpegScanResult.Complete, MjpegFrameScanner.Scan(stream.AsSpan(cut), out _, out length));
        Assert.Equal(image.Length, length);
    }

    [Fact]
    public void An_end_marker_inside_an_exif_thumbnail_does_not_end_the_frame()
    {
        byte[] image = TestImages.Encode(8, 8, 1, 2, 3);
        // APP1 segment whose payload holds a complete tiny "thumbnail" SOI..EOI.
        byte[] app1 = [0xFF, 0xE1, 0x00, 0x08, 0xFF, 0xD8, 0x00, 0x00, 0xFF, 0xD9];
        byte[] withThumbnail = [.. image.AsSpan(0, 2), .. app1, .. image.AsSpan(2)];

        Assert.Equal(MjpegScanResult.Complete, MjpegFrameScanner.Scan(withThumbnail, out _, out int length));
        Assert.Equal(withThumbnail.Length, length);
    }

    [Fact]
    public void No_start_marker_keeps_a_trailing_ff()
    {
        Assert.Equal(MjpegScanResult.NeedMoreData, MjpegFrameScanner.Scan([1, 2, 3, 0xFF], out int start, out _));
        Assert.Equal(3, start);
    }
}
