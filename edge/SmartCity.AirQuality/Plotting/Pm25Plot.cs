using System.Globalization;
using SkiaSharp;
using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Replay;

namespace SmartCity.AirQuality.Plotting;

/// <summary>
/// PM2.5 over time on the US AQI colour bands: raw readings, hourly means and the NowCast, one colour per
/// sensor. The bands follow the 2024 PM2.5 breakpoints (a band starts at the next row's BP_Lo, since
/// truncation puts 9.09 µg/m³ in Good) and use the EPA's category colours, washed out so the data stays legible.
/// </summary>
public static class Pm25Plot
{
    private const int Width = 1500;
    private const int Height = 760;
    private const float Left = 90, Right = 1240, Top = 78, Bottom = 650;

    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];

    private static readonly int[] TickSteps = [1, 2, 3, 6, 12, 24, 48, 168];

    private static readonly SKColor[] SeriesColors = [new(0x11, 0x11, 0x11), new(0x1F, 0x4E, 0xB4), new(0x0B, 0x6E, 0x4F), new(0xA0, 0x40, 0x00)];

    /// <summary>Writes the plot of every PM2.5 series in <paramref name="report"/> to <paramref name="path"/> (PNG). False when there is no PM2.5 data.</summary>
    public static bool Write(ReplayReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var series = report.Of(Quantity.Pm25).Where(s => s.Samples.Count > 0).ToList();
        if (series.Count == 0)
        {
            return false;
        }

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Draw(surface.Canvas, series);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var stream = File.Create(path);
        data.SaveTo(stream);
        return true;
    }

    private static void Draw(SKCanvas canvas, List<ReplaySeries> series)
    {
        var inv = CultureInfo.InvariantCulture;
        canvas.Clear(SKColors.White);
        using var typeface = LoadTypeface();
        using var font = new SKFont(typeface, 14);
        using var small = new SKFont(typeface, 12);
        using var titleFont = new SKFont(typeface, 21) { Embolden = true };
        using var text = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(0x60, 0x60, 0x60), IsAntialias = true };

        var t0 = series.Min(s => s.Samples[0].Time);
        var t1 = series.Max(s => s.Samples[^1].Time);
        var start = new DateTimeOffset(t0.UtcDateTime.Date.AddHours(t0.UtcDateTime.Hour), TimeSpan.Zero);
        var end = new DateTimeOffset(t1.UtcDateTime.Date.AddHours(t1.UtcDateTime.Hour + 1), TimeSpan.Zero);
        double spanHours = Math.Max(1, (end - start).TotalHours);
        // Scale to what the reader needs to see — hourly means, NowCast and all but the top 2 % of readings — so one
        // firework plume of 700 µg/m³ does not flatten the day; readings above the axis are marked at its top edge.
        var readings = series.SelectMany(s => s.Samples).Where(x => double.IsFinite(x.Value) && (x.Flags & QualityFlags.OutOfRange) == 0).Select(x => x.Value).Order().ToArray();
        double p98 = readings.Length == 0 ? 0 : readings[(int)(0.98 * (readings.Length - 1))];
        double hourlyMax = series.SelectMany(s => s.Hours).Select(h => Math.Max(h.Count > 0 ? h.Mean : 0, double.IsFinite(h.NowCast) ? h.NowCast : 0)).DefaultIfEmpty(0).Max();
        double dataMax = Math.Max(20, Math.Max(hourlyMax, p98) * 1.15);
        if (readings.Length > 0 && readings[^1] <= dataMax * 1.6)
        {
            dataMax = Math.Max(dataMax, readings[^1]); // a modest maximum fits; no need to clip it
        }

        double yStep = NiceStep(dataMax * 1.05 / 8);
        double yMax = Math.Ceiling(dataMax * 1.05 / yStep) * yStep;
        var clipped = readings.Where(v => v > yMax).ToArray();

        float X(DateTimeOffset t) => Left + (float)((t - start).TotalHours / spanHours) * (Right - Left);
        float Y(double v) => Bottom - (float)(Math.Clamp(v, 0, yMax) / yMax) * (Bottom - Top);

        // US AQI bands: each from its BP_Lo to the next row's BP_Lo.
        var table = AqiBreakpointTable.For(AqiPollutant.Pm25);
        var bandLabels = new List<(string Text, float Y)>();
        using (var band = new SKPaint { IsAntialias = false })
        {
            for (int i = 0; i < table.Length; i++)
            {
                double lo = table[i].ConcentrationLow;
                double hi = i + 1 < table.Length ? table[i + 1].ConcentrationLow : double.PositiveInfinity;
                if (lo >= yMax)
                {
                    break;
                }

                var category = AqiCategories.FromIndex(table[i].IndexLow);
                band.Color = Parse(category.HexColor()).WithAlpha(0x4A);
                canvas.DrawRect(new SKRect(Left, Y(Math.Min(hi, yMax)), Right, Y(lo)), band);
                float labelY = Math.Max(Y(Math.Min(hi, yMax)) + 16, Top + 16);
                if (Y(lo) - labelY > 2)
                {
                    bandLabels.Add((category.DisplayName(), labelY));
                }
            }
        }

        using var gridPaint = new SKPaint { Color = new SKColor(0, 0, 0, 0x22), StrokeWidth = 1 };
        using var axisPaint = new SKPaint { Color = new SKColor(0x30, 0x30, 0x30), StrokeWidth = 1.5f, IsAntialias = true };
        for (double v = 0; v <= yMax + 1e-9; v += yStep)
        {
            canvas.DrawLine(Left, Y(v), Right, Y(v), gridPaint);
            canvas.DrawText(v.ToString("0.#", inv), Left - 8, Y(v) + 5, SKTextAlign.Right, font, text);
        }

        int tickHours = TickSteps.First(h => spanHours / h <= 16);
        var tick = start;
        while (tick.UtcDateTime.Hour % Math.Min(tickHours, 24) != 0)
        {
            tick = tick.AddHours(1);
        }

        bool firstLabel = true;
        for (; tick <= end; tick = tick.AddHours(tickHours))
        {
            float x = X(tick);
            canvas.DrawLine(x, Top, x, Bottom, gridPaint);
            canvas.DrawLine(x, Bottom, x, Bottom + 5, axisPaint);
            canvas.DrawText(tick.ToString("HH:mm", inv), x, Bottom + 22, SKTextAlign.Center, font, text);
            if (firstLabel || tick.UtcDateTime.Hour == 0)
            {
                canvas.DrawText(tick.ToString("ddd d MMM yyyy", inv), x, Bottom + 42, SKTextAlign.Center, small, grey);
                firstLabel = false;
            }
        }

        canvas.DrawLine(Left, Bottom, Right, Bottom, axisPaint);
        canvas.DrawLine(Left, Top, Left, Bottom, axisPaint);
        canvas.DrawText("time (UTC)", (Left + Right) / 2, Bottom + 68, SKTextAlign.Center, font, text);
        canvas.Save();
        canvas.RotateDegrees(-90, 26, (Top + Bottom) / 2);
        canvas.DrawText("PM2.5 (µg/m³)", 26, (Top + Bottom) / 2 + 5, SKTextAlign.Center, font, text);
        canvas.Restore();

        for (int si = 0; si < series.Count; si++)
        {
            DrawSeries(canvas, series[si], SeriesColors[si % SeriesColors.Length], X, Y, yMax);
        }

        if (clipped.Length > 0)
        {
            canvas.DrawText(
                string.Create(inv, $"▲ {clipped.Length} reading(s) above {yMax:0} µg/m³ drawn at the top edge (highest {clipped[^1]:0.0} µg/m³)"),
                Right, 58, SKTextAlign.Right, small, grey);
        }

        // Band names last, on a white backing, so readings crossing them do not hide them.
        using (var backing = new SKPaint { Color = SKColors.White.WithAlpha(0xC8), IsAntialias = true })
        {
            foreach (var (label, labelY) in bandLabels)
            {
                float w = small.MeasureText(label);
                canvas.DrawRoundRect(new SKRect(Right - 12 - w, labelY - 12, Right - 4, labelY + 4), 3, 3, backing);
                canvas.DrawText(label, Right - 8, labelY, SKTextAlign.Right, small, grey);
            }
        }

        string sources = string.Join(", ", series.Select(s => s.Source));
        string period = start.UtcDateTime.Date == end.AddTicks(-1).UtcDateTime.Date
            ? start.ToString("yyyy-MM-dd", inv)
            : $"{start.ToString("yyyy-MM-dd", inv)} to {end.AddTicks(-1).ToString("yyyy-MM-dd", inv)}";
        canvas.DrawText($"PM2.5 at {sources}, {period}", Left, 34, SKTextAlign.Left, titleFont, text);
        canvas.DrawText("Raw readings, hourly means and NowCast; shaded: US AQI categories for PM2.5 (EPA, May 2024 breakpoints)", Left, 58, SKTextAlign.Left, small, grey);

        DrawLegend(canvas, series, font, small, text, grey);
        DrawPeakNote(canvas, series, small, grey);
    }

    private static void DrawSeries(SKCanvas canvas, ReplaySeries s, SKColor color, Func<DateTimeOffset, float> x, Func<double, float> y, double yMax)
    {
        using var clip = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        using var raw = new SKPaint { Color = color.WithAlpha(0x70), IsAntialias = true, Style = SKPaintStyle.Fill };
        using var rawLine = new SKPaint { Color = color.WithAlpha(0x40), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var hourly = new SKPaint { Color = color.WithAlpha(0xB0), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2.5f };
        using var nowCast = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3.2f, StrokeJoin = SKStrokeJoin.Round };
        using var dot = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };

        FlaggedSample? previous = null;
        foreach (var p in s.Samples)
        {
            if ((p.Flags & QualityFlags.OutOfRange) != 0 || !double.IsFinite(p.Value))
            {
                previous = null;
                continue;
            }

            // Join neighbours only: over a gap longer than three sample intervals a line would be a made-up ramp.
            if (previous is { } q && p.Time - q.Time <= 3 * s.NominalInterval)
            {
                canvas.DrawLine(x(q.Time), y(q.Value), x(p.Time), y(p.Value), rawLine);
            }

            previous = p;
            if (p.Value > yMax)
            {
                // Off the scale: a small upward triangle on the top edge.
                float px = x(p.Time);
                canvas.DrawLine(px - 5, Top + 9, px, Top + 1, clip);
                canvas.DrawLine(px, Top + 1, px + 5, Top + 9, clip);
                canvas.DrawLine(px - 5, Top + 9, px + 5, Top + 9, clip);
            }
            else
            {
                canvas.DrawCircle(x(p.Time), y(p.Value), 1.8f, raw);
            }
        }

        foreach (var h in s.Hours)
        {
            if (h.Count > 0)
            {
                canvas.DrawLine(x(h.HourStart), y(h.Mean), x(h.HourStart.AddHours(1)), y(h.Mean), hourly);
            }
        }

        SKPoint? last = null;
        DateTimeOffset lastHour = default;
        foreach (var h in s.Hours)
        {
            if (!double.IsFinite(h.NowCast))
            {
                last = null;
                continue;
            }

            var point = new SKPoint(x(h.HourStart.AddMinutes(30)), y(h.NowCast));
            if (last is { } l && h.HourStart - lastHour == TimeSpan.FromHours(1))
            {
                canvas.DrawLine(l, point, nowCast);
            }

            canvas.DrawCircle(point, 3.2f, dot);
            last = point;
            lastHour = h.HourStart;
        }
    }

    private static void DrawLegend(SKCanvas canvas, List<ReplaySeries> series, SKFont font, SKFont small, SKPaint text, SKPaint grey)
    {
        float x = Right + 24, y = Top + 6;
        canvas.DrawText("US AQI (PM2.5)", x, y, SKTextAlign.Left, font, text);
        y += 10;
        var table = AqiBreakpointTable.For(AqiPollutant.Pm25);
        using var swatch = new SKPaint();
        using var border = new SKPaint { Color = new SKColor(0, 0, 0, 0x50), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        for (int i = 0; i < table.Length; i++)
        {
            var c = AqiCategories.FromIndex(table[i].IndexLow);
            // The wash used in the plot, edged with the official colour.
            var rect = new SKRect(x, y + 6, x + 18, y + 22);
            swatch.Color = Parse(c.HexColor()).WithAlpha(0x4A);
            canvas.DrawRect(rect, swatch);
            swatch.Color = Parse(c.HexColor());
            canvas.DrawRect(new SKRect(x, y + 6, x + 4, y + 22), swatch);
            canvas.DrawRect(rect, border);
            string range = i + 1 < table.Length
                ? string.Create(CultureInfo.InvariantCulture, $"{table[i].ConcentrationLow:0.0}–{table[i].ConcentrationHigh:0.0}")
                : string.Create(CultureInfo.InvariantCulture, $"≥ {table[i].ConcentrationLow:0.0}");
            canvas.DrawText(c == AqiCategory.UnhealthyForSensitiveGroups ? "Unhealthy (sens.)" : c.DisplayName(), x + 26, y + 19, SKTextAlign.Left, small, text);
            canvas.DrawText(range, x + 26, y + 33, SKTextAlign.Left, small, grey);
            y += 40;
        }

        y += 14;
        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            var color = SeriesColors[i % SeriesColors.Length];
            canvas.DrawText(s.Source, x, y, SKTextAlign.Left, font, text);
            y += 8;
            using var rawDot = new SKPaint { Color = color.WithAlpha(0x70), IsAntialias = true };
            using var hourly = new SKPaint { Color = color.WithAlpha(0xB0), StrokeWidth = 2.5f, IsAntialias = true };
            using var nc = new SKPaint { Color = color, StrokeWidth = 3.2f, IsAntialias = true };
            canvas.DrawCircle(x + 9, y + 12, 2.2f, rawDot);
            canvas.DrawText("raw readings", x + 26, y + 16, SKTextAlign.Left, small, text);
            canvas.DrawLine(x, y + 32, x + 18, y + 32, hourly);
            canvas.DrawText("hourly mean", x + 26, y + 36, SKTextAlign.Left, small, text);
            canvas.DrawLine(x, y + 52, x + 18, y + 52, nc);
            canvas.DrawCircle(x + 9, y + 52, 3.2f, nc);
            canvas.DrawText("NowCast", x + 26, y + 56, SKTextAlign.Left, small, text);
            y += 76;
        }
    }

    private static void DrawPeakNote(SKCanvas canvas, List<ReplaySeries> series, SKFont small, SKPaint grey)
    {
        (string Source, HourlyResult? h) peak = (string.Empty, null);
        foreach (var s in series)
        {
            foreach (var h in s.Hours)
            {
                if (h.Aqi is not null && (peak.h is null || h.NowCast > peak.h.NowCast))
                {
                    peak = (s.Source, h);
                }
            }
        }

        if (peak.h is null)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        canvas.DrawText(
            string.Create(inv, $"Highest NowCast: {peak.h.NowCast:0.0} µg/m³ = AQI {peak.h.Aqi!.Value.Index} ({peak.h.Aqi.Value.Category.DisplayName()}), hour from {peak.h.HourStart:yyyy-MM-dd HH:mm} UTC, {peak.Source}"),
            Left, Height - 14, SKTextAlign.Left, small, grey);
    }

    private static SKColor Parse(string hex) => SKColor.Parse(hex);

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
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double n = rough / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    }
}
