using System.Globalization;
using SkiaSharp;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Draws the accuracy harness's PNG: true and counted vehicles per reporting bin, grouped by scenario, as
/// side-by-side bars with the count accuracy of each bin above them.
/// </summary>
internal static class CountsChart
{
    private const int Width = 1280;
    private const int Height = 620;
    private const float Left = 90;
    private const float Right = 30;
    private const float Top = 96;
    private const float Bottom = 96;

    private static readonly SKColor TrueColour = new(0x9E, 0x9E, 0x9E);
    private static readonly SKColor CountedColour = new(0x1F, 0x77, 0xB4);
    private static readonly SKColor MissColour = new(0xC6, 0x28, 0x28);
    private static readonly SKColor GridColour = new(0xE4, 0xE4, 0xE4);
    private static readonly SKColor TextColour = new(0x21, 0x21, 0x21);

    // DejaVu ships with Debian and most Linux images; SkiaSharp's no-dependency build has no font lookup, so a
    // missing file falls back to the default typeface.
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ];

    /// <summary>Writes the chart as a PNG.</summary>
    /// <param name="series">Bins per scenario.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="bin">Bin length, for the axis unit.</param>
    /// <param name="accuracyTarget">Bins whose count accuracy is below this get a red label.</param>
    /// <param name="path">PNG file to write.</param>
    public static void Write(IReadOnlyList<BinCountSeries> series, string title, TimeSpan bin, double accuracyTarget, string path)
    {
        ArgumentNullException.ThrowIfNull(series);
        var inv = CultureInfo.InvariantCulture;
        using var typeface = LoadTypeface();
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(typeface, 13);
        using var small = new SKFont(typeface, 11);
        using var titleFont = new SKFont(typeface, 19) { Embolden = true };
        using var text = new SKPaint { Color = TextColour, IsAntialias = true };
        using var grid = new SKPaint { Color = GridColour, StrokeWidth = 1, IsAntialias = true };
        using var axis = new SKPaint { Color = TextColour, StrokeWidth = 1.5f, IsAntialias = true };
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        string unit = string.Create(inv, $"vehicles/{bin.TotalMinutes:0.##} min");
        canvas.DrawText(title, Width / 2f, 32, SKTextAlign.Center, titleFont, text);

        int bins = 0;
        long max = 1;
        foreach (var s in series)
        {
            bins += s.Bins.Count;
            foreach (var b in s.Bins)
            {
                max = Math.Max(max, Math.Max(b.True, b.Counted));
            }
        }

        float plotLeft = Left, plotRight = Width - Right, plotTop = Top, plotBottom = Height - Bottom;
        double step = NiceStep(max * 1.12 / 6);
        double yMax = Math.Ceiling(max * 1.12 / step) * step;
        float Y(double v) => plotBottom - (float)(v / yMax * (plotBottom - plotTop));

        for (double v = 0; v <= yMax + (step / 2); v += step)
        {
            float y = Y(v);
            canvas.DrawLine(plotLeft, y, plotRight, y, grid);
            canvas.DrawText(v.ToString("0", inv), plotLeft - 8, y + 4, SKTextAlign.Right, font, text);
        }

        canvas.Save();
        canvas.RotateDegrees(-90, 24, (plotTop + plotBottom) / 2);
        canvas.DrawText(unit, 24, ((plotTop + plotBottom) / 2) + 5, SKTextAlign.Center, font, text);
        canvas.Restore();

        // Groups: one per bin; half a group of space between scenarios.
        double slots = bins + (0.5 * Math.Max(0, series.Count - 1));
        float slot = slots <= 0 ? 0 : (float)((plotRight - plotLeft) / slots);
        float x = plotLeft;
        bool anyPartial = false;
        for (int si = 0; si < series.Count; si++)
        {
            var s = series[si];
            float groupStart = x;
            foreach (var b in s.Bins)
            {
                float barWidth = slot * 0.34f;
                float centre = x + (slot / 2);
                fill.Color = TrueColour;
                canvas.DrawRect(SKRect.Create(centre - barWidth - 1, Y(b.True), barWidth, plotBottom - Y(b.True)), fill);
                fill.Color = CountedColour;
                canvas.DrawRect(SKRect.Create(centre + 1, Y(b.Counted), barWidth, plotBottom - Y(b.Counted)), fill);

                double accuracy = CountAccuracy.Of(b.True, b.Counted);
                using var label = new SKPaint { Color = accuracy < accuracyTarget ? MissColour : TextColour, IsAntialias = true };
                canvas.DrawText(accuracy.ToString("P1", inv), centre, Y(Math.Max(b.True, b.Counted)) - 6, SKTextAlign.Center, small, label);
                string start = b.Start.ToString("HH:mm", inv) + (b.Partial ? "*" : "");
                anyPartial |= b.Partial;
                canvas.DrawText(start, centre, plotBottom + 18, SKTextAlign.Center, small, text);
                x += slot;
            }

            canvas.DrawText(s.Scenario, (groupStart + x) / 2, plotBottom + 40, SKTextAlign.Center, font, text);
            if (si < series.Count - 1)
            {
                float gap = x + (slot / 4);
                canvas.DrawLine(gap, plotTop, gap, plotBottom + 44, grid);
                x += slot / 2;
            }
        }

        canvas.DrawLine(plotLeft, plotBottom, plotRight, plotBottom, axis);
        canvas.DrawLine(plotLeft, plotTop, plotLeft, plotBottom, axis);
        string footnote = "Label above each pair: count accuracy = 1 − |counted − true| / true.";
        if (anyPartial)
        {
            footnote += " * partial bin.";
        }

        canvas.DrawText(footnote, plotLeft, Height - 16, SKTextAlign.Left, small, text);
        DrawLegend(canvas, font, text, fill, plotRight);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void DrawLegend(SKCanvas canvas, SKFont font, SKPaint text, SKPaint fill, float right)
    {
        const string TrueLabel = "true (analytics on ground-truth tracks)";
        const string CountedLabel = "counted (detector → tracker → analytics)";
        float y = 62;
        float x = right - (font.MeasureText(TrueLabel) + font.MeasureText(CountedLabel) + 80);
        foreach (var (colour, label) in new[] { (TrueColour, TrueLabel), (CountedColour, CountedLabel) })
        {
            fill.Color = colour;
            canvas.DrawRect(SKRect.Create(x, y - 11, 14, 14), fill);
            canvas.DrawText(label, x + 20, y + 1, SKTextAlign.Left, font, text);
            x += 20 + font.MeasureText(label) + 26;
        }
    }

    private static SKTypeface LoadTypeface()
    {
        foreach (var file in FontFiles)
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { } face)
            {
                return face;
            }
        }

        return SKTypeface.CreateDefault();
    }

    /// <summary>1, 2 or 5 × 10^k at or above <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        if (rough <= 1)
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double f = rough / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
}
