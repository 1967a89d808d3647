using System.Globalization;
using System.Text;
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

    public void Draw(TimeSpan elapsed, PipelineSnapshot now, SourceHealth source, MotionGateStatistics? gate)
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
        Line("  class         in view   detections so far");
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            Line(string.Create(inv, $"  {cls.ToName(),-12} {now.LastFrameByClass[(int)cls],8}   {now.DetectionsByClass[(int)cls],17}"));
        }

        Console.Write(sb.ToString());
        _linesDrawn = lines;
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
