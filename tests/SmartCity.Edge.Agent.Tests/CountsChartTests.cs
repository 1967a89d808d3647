using SkiaSharp;
using SmartCity.Edge.Agent.Evaluation;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

public class CountsChartTests
{
    [Fact]
    public void Chart_is_a_png_with_a_bar_per_true_and_counted_value()
    {
        var start = new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);
        BinCountSeries[] series =
        [
            new("light", [new BinCount(start, 120, 118, false), new BinCount(start.AddMinutes(15), 130, 131, false)]),
            new("dense-queue", [new BinCount(start, 400, 300, false), new BinCount(start.AddMinutes(15), 380, 379, true)]),
        ];
        string path = Path.Combine(Path.GetTempPath(), $"counts-{Guid.NewGuid():N}.png");
        try
        {
            CountsChart.Write(series, "Counted vs true", TimeSpan.FromMinutes(15), 0.97, path);

            using var bitmap = SKBitmap.Decode(path);
            Assert.NotNull(bitmap);
            Assert.Equal((1280, 620), (bitmap.Width, bitmap.Height));
            int counted = 0, truth = 0, miss = 0;
            for (int y = 0; y < bitmap.Height; y++)
            {
                for (int x = 0; x < bitmap.Width; x++)
                {
                    var c = bitmap.GetPixel(x, y);
                    counted += c == new SKColor(0x1F, 0x77, 0xB4) ? 1 : 0;
                    truth += c == new SKColor(0x9E, 0x9E, 0x9E) ? 1 : 0;
                    miss += c.Red > 150 && c.Green < 90 && c.Blue < 90 ? 1 : 0;
                }
            }

            // Four counted bars and four true bars of visible height; the 75% bin is labelled in red.
            Assert.True(counted > 4 * 1000, $"counted-bar pixels: {counted}");
            Assert.True(truth > 4 * 1000, $"true-bar pixels: {truth}");
            Assert.True(miss > 20, $"red label pixels: {miss}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
