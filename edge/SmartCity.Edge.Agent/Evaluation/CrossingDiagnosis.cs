using System.Numerics;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Why a ground-truth line crossing was not counted as it should have been (or why a count has no crossing).</summary>
internal enum CrossingOutcome
{
    /// <summary>Counted on the right line, in the right direction and class.</summary>
    Counted,

    /// <summary>Counted on the right line and direction, in another class.</summary>
    ClassWrong,

    /// <summary>Counted on the right line the other way only.</summary>
    DirectionWrong,

    /// <summary>One track on this road user was seen clearly on both sides of the line's segment, and no crossing was counted.</summary>
    SeenBothSidesNotCounted,

    /// <summary>Its tracks saw the two sides in different fragments: the track broke at the line.</summary>
    FragmentedAcrossLine,

    /// <summary>Its tracks were seen on one side of the line only (or only beside its segment).</summary>
    SeenOneSideOnly,

    /// <summary>Never matched to a confirmed track.</summary>
    NeverTracked,

    /// <summary>A further count of a crossing already counted (same road user, line and direction).</summary>
    DoubleCount,

    /// <summary>A count the reference does not have: a false track, a road user it was not attributed to, or a crossing the reference did not count for that road user.</summary>
    CountWithoutCrossing,
}

/// <summary>
/// Per-crossing diagnosis of the pipeline's counting-line counts, beside <see cref="JourneyDiagnosis"/> and using its
/// track ↔ road user matches: every crossing the reference analytics count for a ground-truth object is looked up among
/// the pipeline's crossings attributed to that object (the object its track was last matched to when the crossing was
/// counted), and the outcome is classified (<see cref="CrossingOutcome"/>).
/// </summary>
internal sealed class CrossingDiagnosis
{
    /// <summary>Lines beyond this index are not followed side by side (2 bits a line in a 32-bit mask).</summary>
    private const int MaxLines = 16;

    private readonly IReadOnlyList<CountingLine> _lines;
    private readonly Dictionary<string, int> _lineIndex = new(StringComparer.Ordinal);
    private readonly JourneyDiagnosis _links;
    private readonly Dictionary<long, uint> _pairSides = [];
    private readonly Dictionary<int, BoxF> _boxes = [];
    private readonly List<(CrossingEvent Event, int Truth)> _pipeline = [];
    private readonly List<CrossingEvent> _reference = [];
    private DateTimeOffset? _start;

    /// <summary>Creates a diagnosis of <paramref name="lines"/> (the pipeline's layout) over the matches <paramref name="links"/> keeps.</summary>
    public CrossingDiagnosis(IReadOnlyList<CountingLine> lines, JourneyDiagnosis links)
    {
        _lines = lines;
        _links = links;
        for (int l = 0; l < lines.Count; l++)
        {
            _lineIndex.TryAdd(lines[l].Name, l);
        }
    }

    /// <summary>
    /// Adds one frame: the tracks reported and the frame's ground-truth → track matches. Call before the frame's
    /// <see cref="AddPipeline"/>, after <see cref="JourneyDiagnosis.AddFrame"/>.
    /// </summary>
    public void AddFrame(ReadOnlySpan<TrackBox> tracks, IReadOnlyDictionary<int, int> truthToTrack, DateTimeOffset timestamp)
    {
        _start ??= timestamp;
        _boxes.Clear();
        foreach (ref readonly var t in tracks)
        {
            _boxes[t.TrackId] = t.Box;
        }

        foreach (var (truth, track) in truthToTrack)
        {
            if (!_boxes.TryGetValue(track, out BoxF box))
            {
                continue;
            }

            uint sides = 0;
            for (int l = 0; l < _lines.Count && l < MaxLines; l++)
            {
                sides |= SideOf(_lines[l], box) << (2 * l);
            }

            if (sides != 0)
            {
                long key = MotAccumulator.PairKey(truth, track);
                _pairSides[key] = _pairSides.GetValueOrDefault(key) | sides;
            }
        }
    }

    /// <summary>1 when the line's anchor of <paramref name="box"/> is clearly on the "in" side of the segment, 2 on the other, 0 in the hysteresis band or beside the segment.</summary>
    private static uint SideOf(CountingLine line, BoxF box)
    {
        var p = line.Anchor == LineAnchor.Centre ? new Vector2(box.CenterX, (box.Y1 + box.Y2) / 2) : new Vector2(box.CenterX, box.Y2);
        float d = line.SignedDistance(p);
        if (MathF.Abs(d) <= line.Hysteresis || line.Length <= 0)
        {
            return 0;
        }

        float u = Vector2.Dot(p - line.Start, (line.End - line.Start) / line.Length);
        return u < -line.Hysteresis || u > line.Length + line.Hysteresis ? 0u : d > 0 ? 1u : 2u;
    }

    /// <summary>Adds crossings counted by the reference analytics (track id = ground-truth object id).</summary>
    public void AddReference(ReadOnlySpan<CrossingEvent> events) => _reference.AddRange(events);

    /// <summary>Adds crossings counted by the pipeline, each attributed to the road user its track was last matched to.</summary>
    public void AddPipeline(ReadOnlySpan<CrossingEvent> events)
    {
        foreach (var e in events)
        {
            _pipeline.Add((e, _links.LastTruthOf(e.TrackId)));
        }
    }

    /// <summary>Classifies every reference crossing and every pipeline count.</summary>
    public CrossingDiagnosisResult Compute()
    {
        var countsOfTruth = new Dictionary<int, List<CrossingEvent>>();
        var rows = new List<CrossingRow>();
        foreach (var (e, truth) in _pipeline)
        {
            if (truth >= 0)
            {
                if (!countsOfTruth.TryGetValue(truth, out var list))
                {
                    countsOfTruth[truth] = list = [];
                }

                list.Add(e);
            }
            else
            {
                rows.Add(new CrossingRow(CrossingOutcome.CountWithoutCrossing, -1, e.Line, e.Direction, null, e.Class, e.Direction, [e.TrackId], null, Seconds(e.Timestamp)));
            }
        }

        var referenceKeys = new HashSet<(int Truth, string Line, CrossingDirection Direction)>();
        foreach (var r in _reference)
        {
            referenceKeys.Add((r.TrackId, r.Line, r.Direction));
            var tracks = _links.TracksOf(r.TrackId);
            var counted = countsOfTruth.GetValueOrDefault(r.TrackId);
            int pick = -1;
            CrossingOutcome outcome;
            if (counted is not null
                && ((pick = counted.FindIndex(c => c.Line == r.Line && c.Direction == r.Direction && c.Class == r.Class)) >= 0
                    || (pick = counted.FindIndex(c => c.Line == r.Line && c.Direction == r.Direction)) >= 0
                    || (pick = counted.FindIndex(c => c.Line == r.Line)) >= 0))
            {
                var c = counted[pick];
                outcome = c.Direction != r.Direction ? CrossingOutcome.DirectionWrong
                    : c.Class != r.Class ? CrossingOutcome.ClassWrong
                    : CrossingOutcome.Counted;
            }
            else if (tracks.Count == 0)
            {
                outcome = CrossingOutcome.NeverTracked;
            }
            else
            {
                int l = _lineIndex.GetValueOrDefault(r.Line, MaxLines);
                uint any = 0;
                bool both = false;
                foreach (int t in tracks)
                {
                    uint sides = l < MaxLines ? (_pairSides.GetValueOrDefault(MotAccumulator.PairKey(r.TrackId, t)) >> (2 * l)) & 3u : 0u;
                    any |= sides;
                    both |= sides == 3u;
                }

                outcome = both ? CrossingOutcome.SeenBothSidesNotCounted
                    : any == 3u ? CrossingOutcome.FragmentedAcrossLine
                    : CrossingOutcome.SeenOneSideOnly;
            }

            CrossingEvent? got = pick >= 0 ? counted![pick] : null;
            if (pick >= 0)
            {
                counted!.RemoveAt(pick);
            }

            rows.Add(new CrossingRow(
                outcome, r.TrackId, r.Line, r.Direction, r.Class, got?.Class, got?.Direction, [.. tracks], _links.MaxVisibilityOf(r.TrackId), Seconds(r.Timestamp)));
        }

        foreach (var (truth, left) in countsOfTruth)
        {
            foreach (var e in left)
            {
                rows.Add(new CrossingRow(
                    referenceKeys.Contains((truth, e.Line, e.Direction)) ? CrossingOutcome.DoubleCount : CrossingOutcome.CountWithoutCrossing,
                    truth, e.Line, e.Direction, null, e.Class, e.Direction, [e.TrackId], _links.MaxVisibilityOf(truth), Seconds(e.Timestamp)));
            }
        }

        return new CrossingDiagnosisResult(rows);
    }

    private double Seconds(DateTimeOffset t) => _start is { } s ? (t - s).TotalSeconds : 0;
}

/// <summary>One diagnosed line crossing or count.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="TruthId">Ground-truth object id, or −1.</param>
/// <param name="Line">The line's name.</param>
/// <param name="Direction">The reference crossing's direction (or the count's, when there is no reference crossing).</param>
/// <param name="TrueClass">Reference class, or null for a count without a reference crossing.</param>
/// <param name="CountedClass">Class counted, or null when not counted.</param>
/// <param name="CountedDirection">Direction counted, or null when not counted.</param>
/// <param name="Tracks">Pipeline track ids matched to the object (or the count's track), in order of first match.</param>
/// <param name="MaxVisibility">Largest fraction of the road user that showed in any frame, or null when unknown.</param>
/// <param name="Seconds">When the reference counted the crossing (or the pipeline, for a count without one), seconds after the run's first frame.</param>
internal sealed record CrossingRow(
    CrossingOutcome Outcome, int TruthId, string Line, CrossingDirection Direction, TrafficClass? TrueClass, TrafficClass? CountedClass,
    CrossingDirection? CountedDirection, int[] Tracks, float? MaxVisibility, double Seconds);

/// <summary>The diagnosed line crossings of one scenario.</summary>
/// <param name="Rows">Every reference crossing and every unmatched count.</param>
internal sealed record CrossingDiagnosisResult(IReadOnlyList<CrossingRow> Rows)
{
    /// <summary>How many rows have <paramref name="outcome"/>.</summary>
    public int Count(CrossingOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    /// <summary>Reference crossings (rows with a true class).</summary>
    public int Crossings => Rows.Count(r => r.TrueClass is not null);

    /// <summary>A markdown table row: counts per outcome.</summary>
    public string MarkdownCells() => OutcomeTable.Cells<CrossingOutcome>(Crossings, Count);

    /// <summary>The markdown header matching <see cref="MarkdownCells"/>.</summary>
    public static string MarkdownHeader() => OutcomeTable.Header<CrossingOutcome>("crossings");
}
