using System.Globalization;
using System.Numerics;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Why a ground-truth journey was not counted as it should have been (or why a count has no journey).</summary>
internal enum JourneyOutcome
{
    /// <summary>Counted with the right movement and class.</summary>
    Counted,

    /// <summary>Counted with the right movement, another class.</summary>
    ClassWrong,

    /// <summary>Counted with another entry or exit approach (left/through/right confusion).</summary>
    WrongMovement,

    /// <summary>Its tracks saw the entry zone in one fragment and the exit zone in another: the journey broke in between.</summary>
    FragmentedBetweenZones,

    /// <summary>A track saw the entry zone, none saw the exit zone: lost before the exit.</summary>
    LostBeforeExit,

    /// <summary>A track saw the exit zone, none saw the entry zone: born after the entry.</summary>
    BornAfterEntry,

    /// <summary>Tracked only between the zones (neither zone seen by any of its tracks).</summary>
    TrackedBetweenZonesOnly,

    /// <summary>One track saw both zones and still no movement was counted for this road user.</summary>
    SeenBothZonesNotCounted,

    /// <summary>Never matched to a confirmed track.</summary>
    NeverTracked,

    /// <summary>A second (or further) count of a journey already counted.</summary>
    DoubleCount,

    /// <summary>A count whose track matched no ground-truth object with a counted journey (false track, or a road user the reference does not count).</summary>
    CountWithoutJourney,
}

/// <summary>
/// Per-journey diagnosis of the pipeline's turning-movement counts: every movement the reference analytics
/// count for a ground-truth object is looked up among the pipeline's movement events of the tracks matched to that
/// object (CLEAR-MOT matches at IoU ≥ 0.5), and the outcome is classified (<see cref="JourneyOutcome"/>).
/// </summary>
internal sealed class JourneyDiagnosis
{
    private readonly IReadOnlyList<ApproachGeometry> _approaches;
    private readonly Dictionary<long, (uint Entry, uint Exit)> _pairZones = [];
    private readonly Dictionary<int, BoxF> _boxes = [];
    private readonly Dictionary<int, int> _lastTruthOfTrack = [];
    private readonly Dictionary<long, int> _pairFrames = [];
    private readonly Dictionary<long, int> _pairLastFrame = [];
    private readonly Dictionary<int, List<int>> _tracksOfTruth = [];
    private readonly Dictionary<int, List<int>> _truthsOfTrack = [];
    private readonly Dictionary<int, float> _maxVisibility = [];
    private int _frame;
    private readonly List<MovementEvent> _reference = [];
    private readonly List<(MovementEvent Event, int Truth)> _pipeline = [];

    /// <summary>Creates a diagnosis over <paramref name="approaches"/> (the pipeline's layout).</summary>
    public JourneyDiagnosis(IReadOnlyList<ApproachGeometry> approaches) => _approaches = approaches;

    /// <summary>Adds one frame: the tracks reported (confirmed, matched) and the frame's ground-truth → track matches.</summary>
    public void AddFrame(ReadOnlySpan<TrackBox> tracks, IReadOnlyDictionary<int, int> truthToTrack)
    {
        _frame++;
        _boxes.Clear();
        foreach (ref readonly var t in tracks)
        {
            _boxes[t.TrackId] = t.Box;
        }

        foreach (var (truth, track) in truthToTrack)
        {
            long key = MotAccumulator.PairKey(truth, track);
            _pairFrames[key] = _pairFrames.GetValueOrDefault(key) + 1;
            _pairLastFrame[key] = _frame;
            _lastTruthOfTrack[track] = truth;
            AddOnce(_tracksOfTruth, truth, track);
            AddOnce(_truthsOfTrack, track, truth);

            // Zones seen by this track while it was on this road user.
            if (_boxes.TryGetValue(track, out BoxF box))
            {
                var p = new Vector2(box.CenterX, box.Y2);
                uint entry = 0, exit = 0;
                for (int a = 0; a < _approaches.Count && a < 32; a++)
                {
                    entry |= _approaches[a].EntryZone.Contains(p.X, p.Y) ? 1u << a : 0;
                    exit |= _approaches[a].ExitZone.Contains(p.X, p.Y) ? 1u << a : 0;
                }

                var z = _pairZones.GetValueOrDefault(key);
                _pairZones[key] = (z.Entry | entry, z.Exit | exit);
            }
        }
    }

    /// <summary>Adds one frame's ground truth: each road user's largest visible fraction so far is kept for its journey rows.</summary>
    public void AddTruth(ReadOnlySpan<GroundTruthObject> truth)
    {
        foreach (ref readonly var gt in truth)
        {
            if (!_maxVisibility.TryGetValue(gt.ObjectId, out float seen) || gt.Visibility > seen)
            {
                _maxVisibility[gt.ObjectId] = gt.Visibility;
            }
        }
    }

    /// <summary>Adds movements counted by the reference analytics (track id = ground-truth object id).</summary>
    public void AddReference(ReadOnlySpan<MovementEvent> events) => _reference.AddRange(events);

    /// <summary>
    /// Adds movements counted by the pipeline. Each is attributed to the road user its track last followed through the
    /// count's exit zone: a count is emitted when the track leaves that zone, and when the tracker moved the id to
    /// another road user right there (a vehicle leaving at the frame edge where another comes in), the count belongs to
    /// the one that drove the journey. Of several road users the track followed through that exit zone, one it also
    /// followed through the count's entry zone comes first: two vehicles leaving side by side overlap, and the track that
    /// drove one of them all the way may be matched to the other in its last frames (occlusion 900102, 30 minutes: two
    /// trucks west → east, counted once each, were diagnosed as one missed and one counted twice). Without such a road
    /// user (an inferred exit), the one the track was last matched to.
    /// </summary>
    public void AddPipeline(ReadOnlySpan<MovementEvent> events)
    {
        foreach (var e in events)
        {
            int truth = _lastTruthOfTrack.TryGetValue(e.TrackId, out int last) ? last : -1;
            int latest = -1, latestBoth = -1, both = -1;
            foreach (int candidate in _truthsOfTrack.GetValueOrDefault(e.TrackId) ?? [])
            {
                long key = MotAccumulator.PairKey(candidate, e.TrackId);
                var zones = _pairZones.GetValueOrDefault(key);
                if (e.To is < 0 or >= 32 || (zones.Exit & (1u << e.To)) == 0)
                {
                    continue;
                }

                int frame = _pairLastFrame[key];
                if (frame > latest)
                {
                    latest = frame;
                    truth = candidate;
                }

                if (e.From is >= 0 and < 32 && (zones.Entry & (1u << e.From)) != 0 && frame > latestBoth)
                {
                    latestBoth = frame;
                    both = candidate;
                }
            }

            _pipeline.Add((e, both >= 0 ? both : truth));
        }
    }

    /// <summary>The road user <paramref name="track"/> was last matched to, or −1 when never.</summary>
    internal int LastTruthOf(int track) => _lastTruthOfTrack.TryGetValue(track, out int truth) ? truth : -1;

    /// <summary>The tracks matched to road user <paramref name="truth"/>, in order of first match.</summary>
    internal IReadOnlyList<int> TracksOf(int truth) => _tracksOfTruth.GetValueOrDefault(truth) ?? [];

    /// <summary>The largest fraction of road user <paramref name="truth"/> that showed in any frame so far, or null when unknown.</summary>
    internal float? MaxVisibilityOf(int truth) => _maxVisibility.TryGetValue(truth, out float v) ? v : null;

    private static void AddOnce(Dictionary<int, List<int>> lists, int key, int value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    /// <summary>Classifies every reference journey and every pipeline count.</summary>
    public JourneyDiagnosisResult Compute()
    {
        var countsOfTruth = new Dictionary<int, List<MovementEvent>>();
        var rows = new List<JourneyRow>();
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
                rows.Add(new JourneyRow(JourneyOutcome.CountWithoutJourney, -1, e.From, e.To, null, e.Class, [e.TrackId], e.Evidence));
            }
        }

        var referenceTruths = new HashSet<int>();
        foreach (var r in _reference)
        {
            referenceTruths.Add(r.TrackId);
            var tracks = _tracksOfTruth.GetValueOrDefault(r.TrackId) ?? [];
            var counted = countsOfTruth.GetValueOrDefault(r.TrackId);
            MovementEvent? pick = null;
            JourneyOutcome outcome;
            if (counted is { Count: > 0 })
            {
                pick = counted.Find(c => c.From == r.From && c.To == r.To && c.Class == r.Class);
                if (pick.Value.Timestamp != default)
                {
                    outcome = JourneyOutcome.Counted;
                }
                else if ((pick = counted.Find(c => c.From == r.From && c.To == r.To)).Value.Timestamp != default)
                {
                    outcome = JourneyOutcome.ClassWrong;
                }
                else
                {
                    pick = counted[0];
                    outcome = JourneyOutcome.WrongMovement;
                }

                counted.Remove(pick.Value);
            }
            else if (tracks.Count == 0)
            {
                outcome = JourneyOutcome.NeverTracked;
            }
            else
            {
                bool entryAny = false, exitAny = false, both = false;
                foreach (int t in tracks)
                {
                    var z = _pairZones.GetValueOrDefault(MotAccumulator.PairKey(r.TrackId, t));
                    bool entry = (z.Entry & (1u << r.From)) != 0, exit = (z.Exit & (1u << r.To)) != 0;
                    entryAny |= entry;
                    exitAny |= exit;
                    both |= entry && exit;
                }

                outcome = both ? JourneyOutcome.SeenBothZonesNotCounted
                    : entryAny && exitAny ? JourneyOutcome.FragmentedBetweenZones
                    : entryAny ? JourneyOutcome.LostBeforeExit
                    : exitAny ? JourneyOutcome.BornAfterEntry
                    : JourneyOutcome.TrackedBetweenZonesOnly;
            }

            float? visible = _maxVisibility.TryGetValue(r.TrackId, out float v) ? v : null;
            rows.Add(new JourneyRow(outcome, r.TrackId, r.From, r.To, r.Class, pick?.Class, tracks.ToArray(), pick?.Evidence ?? MovementEvidence.Observed, pick?.From, pick?.To, visible));
        }

        foreach (var (truth, left) in countsOfTruth)
        {
            foreach (var e in left)
            {
                rows.Add(new JourneyRow(
                    referenceTruths.Contains(truth) ? JourneyOutcome.DoubleCount : JourneyOutcome.CountWithoutJourney,
                    truth, e.From, e.To, null, e.Class, [e.TrackId], e.Evidence));
            }
        }

        return new JourneyDiagnosisResult(rows);
    }
}

/// <summary>One diagnosed journey or count.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="TruthId">Ground-truth object id, or −1.</param>
/// <param name="From">Reference entry approach (or the count's, when there is no reference journey).</param>
/// <param name="To">Reference exit approach (or the count's).</param>
/// <param name="TrueClass">Reference class, or null for a count without a journey.</param>
/// <param name="CountedClass">Class counted, or null when not counted.</param>
/// <param name="Tracks">Pipeline track ids matched to the object, in order of first match.</param>
/// <param name="Evidence">How the count's entry and exit were established.</param>
/// <param name="CountedFrom">Entry approach counted, when counted.</param>
/// <param name="CountedTo">Exit approach counted, when counted.</param>
/// <param name="MaxVisibility">Largest fraction of the road user that showed in any frame (from the renderer's ground truth), or null
/// when unknown or for a count without a journey.</param>
internal sealed record JourneyRow(
    JourneyOutcome Outcome, int TruthId, int From, int To, TrafficClass? TrueClass, TrafficClass? CountedClass, int[] Tracks,
    MovementEvidence Evidence, int? CountedFrom = null, int? CountedTo = null, float? MaxVisibility = null);

/// <summary>The diagnosed journeys of one scenario.</summary>
/// <param name="Rows">Every reference journey and every unmatched count.</param>
internal sealed record JourneyDiagnosisResult(IReadOnlyList<JourneyRow> Rows)
{
    /// <summary>How many rows have <paramref name="outcome"/>.</summary>
    public int Count(JourneyOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    /// <summary>Reference journeys (rows with a true class).</summary>
    public int Journeys => Rows.Count(r => r.TrueClass is not null);

    /// <summary>
    /// Below this largest visible fraction a journey is "hidden throughout": in no frame did a tenth of the road user show
    /// (a car driving beside a bus on its far side). No camera counts it; the targets still do.
    /// </summary>
    public const float HiddenThroughoutVisibility = 0.1f;

    /// <summary>Reference journeys not counted right (any outcome but <see cref="JourneyOutcome.Counted"/>) that were hidden throughout.</summary>
    public int MissedHiddenThroughout => Rows.Count(r => r.TrueClass is not null && r.Outcome != JourneyOutcome.Counted
        && r.MaxVisibility is { } v && v < HiddenThroughoutVisibility);

    /// <summary>Counted journeys whose evidence included <paramref name="flag"/>.</summary>
    public int CountedWith(MovementEvidence flag) => Rows.Count(r => r.CountedClass is not null && (r.Evidence & flag) != 0);

    /// <summary>A markdown table row: counts per outcome.</summary>
    public string MarkdownCells() =>
        OutcomeTable.Cells<JourneyOutcome>(Journeys, Count)
        + string.Create(CultureInfo.InvariantCulture, $" {CountedWith(MovementEvidence.Stitched)} | {CountedWith(MovementEvidence.InferredEntry)} | {CountedWith(MovementEvidence.InferredExit)} | {MissedHiddenThroughout} |");

    /// <summary>The markdown header matching <see cref="MarkdownCells"/>.</summary>
    public static string MarkdownHeader() =>
        OutcomeTable.Header<JourneyOutcome>("journeys", "stitched", "inferred entry", "inferred exit", "missed, hidden throughout");
}
