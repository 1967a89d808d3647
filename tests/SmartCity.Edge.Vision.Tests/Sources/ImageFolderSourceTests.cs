using SkiaSharp;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class ImageFolderSourceTests
{
    [Fact]
    public async Task Reads_images_in_name_order_and_skips_bad_files_counting_them()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("01.jpg"), TestImages.Encode(16, 8, 255, 0, 0));
        File.WriteAllBytes(folder.File("02.png"), TestImages.Encode(16, 8, 0, 255, 0, SKEncodedImageFormat.Png));
        File.WriteAllBytes(folder.File("03.jpg"), []); // zero-size
        File.WriteAllBytes(folder.File("04.jpg"), [1, 2, 3, 4, 5]); // not a JPEG
        byte[] blue = TestImages.Encode(16, 8, 0, 0, 255);
        File.WriteAllBytes(folder.File("05.jpeg"), blue.AsSpan(0, blue.Length / 3).ToArray()); // truncated
        File.WriteAllBytes(folder.File("06.JPG"), blue);
        File.WriteAllText(folder.File("notes.txt"), "not an image");
        var pool = new FramePool(16, 8);
        await using var source = new ImageFolderSource(new FrameSourceOptions { Type = "folder", Path = folder.Path }, pool);

        var colours = new List<(byte B, byte G, byte R)>();
        while (await source.ReadAsync(CancellationToken.None) is { } frame)
        {
            using (frame)
            {
                Assert.Equal(colours.Count, frame.Sequence);
                colours.Add((frame.Pixels[0], frame.Pixels[1], frame.Pixels[2]));
            }
        }

        Assert.Equal(3, colours.Count);
        Assert.True(colours[0].R > 240 && colours[0].B < 15);
        Assert.True(colours[1].G > 240 && colours[1].R < 15);
        Assert.True(colours[2].B > 240 && colours[2].R < 15);
        Assert.Equal(3, source.CorruptFrames);
        Assert.Equal(6, source.Files.Count);
        Assert.Equal((16, 8), (source.Width, source.Height));
        Assert.True(pool.Created <= 2);
    }

    [Fact]
    public async Task Loop_starts_again_and_media_time_follows_fps()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("a.jpg"), TestImages.Encode(8, 8, 10, 10, 10));
        File.WriteAllBytes(folder.File("b.jpg"), TestImages.Encode(8, 8, 200, 200, 200));
        var options = new FrameSourceOptions { Type = "folder", Path = folder.Path, Loop = true, Fps = 4 };
        await using var source = new ImageFolderSource(options, new FramePool(8, 8));

        var stamps = new List<DateTimeOffset>();
        var greys = new List<byte>();
        for (int i = 0; i < 5; i++)
        {
            using Frame? frame = await source.ReadAsync(CancellationToken.None);
            stamps.Add(frame!.Timestamp);
            greys.Add(frame.Pixels[0]);
        }

        Assert.True(greys[0] < 20 && greys[1] > 190 && greys[2] < 20 && greys[3] > 190 && greys[4] < 20);
        Assert.Equal(TimeSpan.FromSeconds(1), stamps[4] - stamps[0]);
    }

    [Fact]
    public async Task Looping_a_folder_where_nothing_decodes_fails_instead_of_spinning()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("bad.jpg"), [0xFF, 0xD8, 0xFF]);
        var options = new FrameSourceOptions { Type = "folder", Path = folder.Path, Loop = true };
        await using var source = new ImageFolderSource(options, new FramePool(8, 8));

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("none of the 1 images decodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_without_images_fails_naming_it()
    {
        using var folder = new TempFolder();
        await using var source = new ImageFolderSource(new FrameSourceOptions { Type = "folder", Path = folder.Path }, new FramePool(8, 8));

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
    }
}
