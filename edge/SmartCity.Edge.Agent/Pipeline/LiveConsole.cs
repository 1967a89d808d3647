using System.Globalization;
using System.Text;
using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Sampling;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Motion;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// The live view of the <c>run</c> command: redraws a small table in place on a terminal, or prints one line
/// per tick when the output is redirected (a log file should not fill with escape codes).
/// </summary>
internal sealed class LiveConsole
{
    private readonly string _header;
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private int _linesDrawn;
    private PipelineSnapshot? _previous;
    private DateTimeOffset _previousAt;

    public LiveConsole(string header) => _header = header;

    /// <summary>Health of the environmental sensors (their last readings), or null without sensors.</summary>
    public IReadOnlyList<SensorHealth>? Air { get; set; }

    /// <summary>The last completed air-quality interval, or null before the first.</summary>
    public AirIntervalSummary? LastAir { get; set; }

    /// <summary>One line describing the last completed interval summary, shown under the counts.</summary>
    public string? LastInterval { get; set; }

    /// <summary>One line about the uplink (broker, outbox depth, acknowledged seq); null when nothing is sent.</summary>
    public string? Uplink { get; set; }

    public void Draw(TimeSpan elapsed, PipelineSnapshot now, SourceHealth source, MotionGateStatistics? gate, TrafficObserver? traffic = null)
    {
        var at = DateTimeOffset.UtcNow;
        double fps = 0;
        if (_previous is { } prev && at > _previousAt)
        {
            fps = (now.Frames - prev.Frames) / (at - _previousAt).TotalSeconds;
        }

        _previous = now;
        _previousAt = at;
        var inv = CultureInfo.InvariantCulture;
        if (!_interactive)
        {
            var line = new StringBuilder();
            line.Append(inv, $"t={elapsed:hh\\:mm\\:ss} fps={fps:F1} frames={now.Frames} detector_runs={now.DetectorRuns} ");
            line.Append(inv, $"drops={source.FramesDropped} corrupt={source.CorruptFrames} restarts={source.Restarts} inference_ms={now.Inference.MeanMs:F1}");
            foreach (var cls in TrafficClasses.RoadUsers)
            {
                line.Append(inv, $" {cls.ToName()}={now.LastFrameByClass[(int)cls]}");
            }

            if (traffic?.LiveView is { } v)
            {
                line.Append(inv, $" tracks={v.ConfirmedTracks} interval_start={v.IntervalStart:HH:mm:ss}");
                foreach (var row in v.Lines)
                {
                    if (row.Total > 0)
                    {
                        line.Append(inv, $" [{row.Name}]={row.Total}");
                    }
                }
            }

            Console.WriteLine(line.ToString());
            return;
        }

        var sb = new StringBuilder();
        if (_linesDrawn > 0)
        {
            sb.Append(inv, $"\u001b[{_linesDrawn}A\u001b[J");
        }

        int lines = 0;
        void Line(string text)
        {
            sb.Append(text).Append('\n');
            lines++;
        }

        Line(_header);
        Line(string.Create(inv, $"  time {elapsed:hh\\:mm\\:ss}   {fps,5:F1} frames/s   frames {now.Frames}   detector runs {now.DetectorRuns} ({Percent(now.DetectorRuns, now.Frames)})"));
        Line(string.Create(inv, $"  source {source.State}   dropped {source.FramesDropped}   corrupt {source.CorruptFrames}   restarts {source.Restarts}   detector errors {now.DetectorErrors}"));
        if (gate is { } g)
        {
            Line(string.Create(inv, $"  motion gate: {g.InferenceRuns} of {g.FramesSeen} frames sent to the detector ({g.ReductionFactor:F1}x fewer)"));
        }

        Line(string.Create(inv, $"  mean ms per frame: pre-processing {now.Preprocess.MeanMs:F2}   inference {now.Inference.MeanMs:F2}   post-processing {now.Postprocess.MeanMs:F2}"));
        Line("  class   detected in last frame   detections so far");
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            Line(string.Create(inv, $"  {cls.ToName(),-12} {now.LastFrameByClass[(int)cls],17}   {now.DetectionsByClass[(int)cls],17}"));
        }

        if (traffic is not null)
        {
            var (tracking, analytics) = traffic.Timings;
            var v = traffic.LiveView;
            Line(string.Create(inv, $"  tracking {tracking.MeanMs:F3} ms/frame   analytics {analytics.MeanMs:F3} ms/frame   live tracks {v?.ConfirmedTracks ?? 0}   tracks confirmed so far {v?.TracksConfirmed ?? 0}"));
            if (v is not null)
            {
                Line(string.Create(inv, $"  current interval from {v.IntervalStart:HH:mm:ss} ({v.IntervalFrames} frames) — counts per class:"));
                Line(Header("line / movement"));
                foreach (var row in v.Lines)
                {
                    Line(Format(row));
                }

                foreach (var row in v.Movements)
                {
                    Line(Format(row));
                }
            }
        }

        if (LastInterval is not null)
        {
            Line("  last interval: " + LastInterval);
        }

        if (Uplink is not null)
        {
            Line("  uplink: " + Uplink);
        }

        if (Air is { Count: > 0 } air)
        {
            Line("  sensors (last reading):");
            foreach (var sensor in air)
            {
                var readings = new StringBuilder();
                foreach (var r in sensor.LastReadings)
                {
                    readings.Append(inv, $"  {r.Quantity.Name()} {r.Value:F1} {r.Quantity.Unit()}");
                }

                Line(string.Create(inv, $"    {sensor.Name,-12} {sensor.Model,-8} {sensor.State,-10} failures {sensor.ConsecutiveFailures}{readings}"));
            }
        }

        if (LastAir is { } summary)
        {
            Line(string.Create(inv, $"  air interval {summary.Start:HH:mm:ss}–{summary.End:HH:mm:ss}:"));
            foreach (var q in summary.Quantities)
            {
                string flags = q.Flags == QualityFlags.None ? "" : $"  flags {q.Flags}";
                string corrected = q.CorrectedPm25 is { } c ? string.Create(inv, $"  EPA-corrected {c:F1}") : "";
                Line(string.Create(inv, $"    {q.Sensor,-12} {q.Quantity.Name(),-14} mean {q.Mean,8:F1} {q.Unit,-6} (min {q.Min:F1}, max {q.Max:F1}, sd {q.StdDev:F2}, n={q.Count}/{q.Expected}){corrected}{flags}"));
            }
        }

        Console.Write(sb.ToString());
        _linesDrawn = lines;
    }

    private static string Header(string first)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"  {first,-34}");
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{cls.ToName(),11}");
        }

        return sb.Append("      total").ToString();
    }

    private static string Format(TrafficLiveView.Row row)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"  {row.Name,-34}");
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{row.ByClass[(int)cls],11}");
        }

        return sb.Append(CultureInfo.InvariantCulture, $"{row.Total,11}").ToString();
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
