using System.Globalization;
using System.Text;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Engine;

/// <summary>
/// The running figures of the current interval in preallocated arrays; reset, not reallocated, when an interval
/// closes. Only <see cref="ToSummary"/> allocates, once per interval.
/// </summary>
internal sealed class IntervalAccumulator
{
    /// <summary>Speed samples kept per site and interval; a site never sees more road users in one interval.</summary>
    private const int SpeedSampleCapacity = 4096;

    private readonly AnalyticsLayout _layout;
    private readonly int _classes = TrafficClasses.Count;

    public IntervalAccumulator(AnalyticsLayout layout)
    {
        _layout = layout;
        int lines = layout.Lines.Count, zones = layout.Zones.Count, approaches = layout.Approaches.Count;
        LineCounts = new int[lines * 2 * _classes];
        MovementCounts = new int[approaches * approaches * _classes];
        ZoneOccupancySum = new long[zones];
        ZoneOccupancyMax = new int[zones];
        ZoneEntries = new int[zones];
        ZoneExits = new int[zones];
        ZoneDwellCount = new int[zones];
        ZoneDwellSum = new double[zones];
        ZoneDwellMax = new double[zones];
        SpeedSamples = new float[(lines + approaches) * SpeedSampleCapacity];
        SpeedSampleCount = new int[lines + approaches];
        QueueMaxVehicles = new int[approaches];
        QueueMaxMetres = new double[approaches];
        QueueSumMetres = new double[approaches];
    }

    public long StartTicks { get; private set; }

    public long EndTicks { get; private set; }

    public long FramesSeen { get; set; }

    public long FramesDetected { get; set; }

    public long FramesDropped { get; set; }

    public long FirstFrameTicks { get; set; }

    public long LastFrameTicks { get; set; }

    public int Gaps { get; set; }

    public long LongestGapTicks { get; set; }

    public int BackwardSteps { get; set; }

    public long LargestBackwardTicks { get; set; }

    public bool AfterClockJump { get; set; }

    public long FlushedAtTicks { get; set; }

    public int[] LineCounts { get; }

    public int[] MovementCounts { get; }

    public int UnlistedMovements { get; set; }

    public int IncompleteMovements { get; set; }

    public int StitchedJourneys { get; set; }

    public int InferredEntries { get; set; }

    public int InferredExits { get; set; }

    public int InferredCrossings { get; set; }

    public long[] ZoneOccupancySum { get; }

    public int[] ZoneOccupancyMax { get; }

    public int[] ZoneEntries { get; }

    public int[] ZoneExits { get; }

    public int[] ZoneDwellCount { get; }

    public double[] ZoneDwellSum { get; }

    public double[] ZoneDwellMax { get; }

    public float[] SpeedSamples { get; }

    public int[] SpeedSampleCount { get; }

    public int[] QueueMaxVehicles { get; }

    public double[] QueueMaxMetres { get; }

    public double[] QueueSumMetres { get; }

    public long QueueFrames { get; set; }

    public int DetectorEvents { get; set; }

    public int LineIndex(int line, CrossingDirection direction, TrafficClass cls) => (((line * 2) + (int)direction) * _classes) + (int)cls;

    public int MovementIndex(int from, int to, TrafficClass cls) => (((from * _layout.Approaches.Count) + to) * _classes) + (int)cls;

    /// <summary>Records a speed at a site: lines first, then approaches.</summary>
    public void AddSpeed(int site, float kmh)
    {
        int n = SpeedSampleCount[site];
        if (n < SpeedSampleCapacity)
        {
            SpeedSamples[(site * SpeedSampleCapacity) + n] = kmh;
            SpeedSampleCount[site] = n + 1;
        }
    }

    public void Reset(long startTicks, long endTicks)
    {
        StartTicks = startTicks;
        EndTicks = endTicks;
        FramesSeen = FramesDetected = FramesDropped = 0;
        FirstFrameTicks = LastFrameTicks = 0;
        Gaps = BackwardSteps = 0;
        LongestGapTicks = LargestBackwardTicks = 0;
        AfterClockJump = false;
        FlushedAtTicks = 0;
        Array.Clear(LineCounts);
        Array.Clear(MovementCounts);
        UnlistedMovements = IncompleteMovements = 0;
        StitchedJourneys = InferredEntries = InferredExits = InferredCrossings = 0;
        Array.Clear(ZoneOccupancySum);
        Array.Clear(ZoneOccupancyMax);
        Array.Clear(ZoneEntries);
        Array.Clear(ZoneExits);
        Array.Clear(ZoneDwellCount);
        Array.Clear(ZoneDwellSum);
        Array.Clear(ZoneDwellMax);
        Array.Clear(SpeedSampleCount);
        Array.Clear(QueueMaxVehicles);
        Array.Clear(QueueMaxMetres);
        Array.Clear(QueueSumMetres);
        QueueFrames = 0;
        DetectorEvents = 0;
    }

    /// <summary>Builds the summary; <paramref name="maxGapTicks"/> and <paramref name="maxDroppedFraction"/> decide partiality.</summary>
    public IntervalSummary ToSummary(long maxGapTicks, double maxDroppedFraction)
    {
        var start = new DateTimeOffset(StartTicks, TimeSpan.Zero);
        var end = new DateTimeOffset(EndTicks, TimeSpan.Zero);
        if (FramesSeen == 0)
        {
            string why = FramesDropped > 0
                ? string.Create(CultureInfo.InvariantCulture, $"all {FramesDropped} frames were dropped")
                : "no frames arrived (camera down or source stopped)";
            return new IntervalSummary
            {
                Camera = _layout.Camera, Start = start, End = end, Status = IntervalStatus.NoData, Reason = why, FramesDropped = FramesDropped,
            };
        }

        string? reason = PartialReason(maxGapTicks, maxDroppedFraction);
        return new IntervalSummary
        {
            Camera = _layout.Camera,
            Start = start,
            End = end,
            Status = reason is null ? IntervalStatus.Complete : IntervalStatus.Partial,
            Reason = reason,
            FramesSeen = FramesSeen,
            FramesDetected = FramesDetected,
            FramesDropped = FramesDropped,
            Lines = BuildLines(),
            Movements = BuildMovements(),
            UnlistedMovements = UnlistedMovements,
            IncompleteMovements = IncompleteMovements,
            StitchedJourneys = StitchedJourneys,
            InferredEntries = InferredEntries,
            InferredExits = InferredExits,
            InferredCrossings = InferredCrossings,
            Zones = BuildZones(),
            Speeds = BuildSpeeds(),
            Queues = BuildQueues(),
            DetectorEvents = DetectorEvents,
        };
    }

    private string? PartialReason(long maxGapTicks, double maxDroppedFraction)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (AfterClockJump)
        {
            Append(sb, "follows a clock jump backwards");
        }

        if (BackwardSteps > 0)
        {
            Append(sb, string.Create(inv, $"timestamps went backwards {BackwardSteps} time(s), by up to {Seconds(LargestBackwardTicks)} s"));
        }

        if (FirstFrameTicks - StartTicks > maxGapTicks)
        {
            Append(sb, string.Create(inv, $"no frames for the first {Seconds(FirstFrameTicks - StartTicks)} s"));
        }

        if (Gaps > 0)
        {
            Append(sb, string.Create(inv, $"{Gaps} gap(s) between frames, the longest {Seconds(LongestGapTicks)} s"));
        }

        if (FlushedAtTicks > 0 && FlushedAtTicks < EndTicks)
        {
            Append(sb, string.Create(inv, $"flushed {Seconds(EndTicks - FlushedAtTicks)} s before the interval's end"));
        }
        else if (EndTicks - LastFrameTicks > maxGapTicks)
        {
            Append(sb, string.Create(inv, $"no frames for the last {Seconds(EndTicks - LastFrameTicks)} s"));
        }

        double total = FramesSeen + FramesDropped;
        if (total > 0 && FramesDropped / total > maxDroppedFraction)
        {
            Append(sb, string.Create(inv, $"{FramesDropped / total:P0} of frames dropped ({FramesDropped} of {total})"));
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    private static void Append(StringBuilder sb, string part)
    {
        if (sb.Length > 0)
        {
            sb.Append("; ");
        }

        sb.Append(part);
    }

    private static string Seconds(long ticks) => ((double)ticks / TimeSpan.TicksPerSecond).ToString("0.#", CultureInfo.InvariantCulture);

    private List<LineCount> BuildLines()
    {
        var list = new List<LineCount>();
        for (int l = 0; l < _layout.Lines.Count; l++)
        {
            for (int d = 0; d < 2; d++)
            {
                for (int c = 0; c < _classes; c++)
                {
                    int n = LineCounts[LineIndex(l, (CrossingDirection)d, (TrafficClass)c)];
                    if (n > 0)
                    {
                        list.Add(new LineCount(_layout.Lines[l].Name, (CrossingDirection)d, (TrafficClass)c, n));
                    }
                }
            }
        }

        return list;
    }

    private List<MovementCount> BuildMovements()
    {
        var list = new List<MovementCount>();
        int a = _layout.Approaches.Count;
        for (int from = 0; from < a; from++)
        {
            for (int to = 0; to < a; to++)
            {
                if (!_layout.TryGetMovement(from, to, out MovementKind kind))
                {
                    continue;
                }

                for (int c = 0; c < _classes; c++)
                {
                    int n = MovementCounts[MovementIndex(from, to, (TrafficClass)c)];
                    if (n > 0)
                    {
                        list.Add(new MovementCount(_layout.Approaches[from].Name, _layout.Approaches[to].Name, kind, (TrafficClass)c, n));
                    }
                }
            }
        }

        return list;
    }

    private List<ZoneSummary> BuildZones()
    {
        var list = new List<ZoneSummary>(_layout.Zones.Count);
        for (int z = 0; z < _layout.Zones.Count; z++)
        {
            int dwell = ZoneDwellCount[z];
            list.Add(new ZoneSummary(
                _layout.Zones[z].Name,
                (double)ZoneOccupancySum[z] / FramesSeen,
                ZoneOccupancyMax[z],
                ZoneEntries[z],
                ZoneExits[z],
                dwell,
                dwell > 0 ? ZoneDwellSum[z] / dwell : null,
                dwell > 0 ? ZoneDwellMax[z] : null));
        }

        return list;
    }

    private List<SpeedSummary>? BuildSpeeds()
    {
        if (_layout.Calibration is null)
        {
            return null;
        }

        var list = new List<SpeedSummary>();
        int lines = _layout.Lines.Count;
        for (int site = 0; site < SpeedSampleCount.Length; site++)
        {
            bool isLine = site < lines;
            string name = isLine ? _layout.Lines[site].Name : _layout.Approaches[site - lines].Name;
            int n = SpeedSampleCount[site];
            if (n == 0)
            {
                list.Add(new SpeedSummary(name, isLine ? SpeedSite.Line : SpeedSite.Approach, 0, null, null));
                continue;
            }

            Span<float> samples = SpeedSamples.AsSpan(site * SpeedSampleCapacity, n);
            samples.Sort();
            double sum = 0;
            foreach (float s in samples)
            {
                sum += s;
            }

            list.Add(new SpeedSummary(name, isLine ? SpeedSite.Line : SpeedSite.Approach, n, sum / n, Percentile(samples, 0.85)));
        }

        return list;
    }

    /// <summary>Percentile of sorted values, linear between the closest ranks (as a spreadsheet's PERCENTILE.INC).</summary>
    internal static double Percentile(ReadOnlySpan<float> sorted, double p)
    {
        double rank = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((rank - lo) * (sorted[hi] - sorted[lo]));
    }

    private List<QueueSummary> BuildQueues()
    {
        var list = new List<QueueSummary>();
        for (int a = 0; a < _layout.Approaches.Count; a++)
        {
            if (_layout.Approaches[a].QueueZone is null)
            {
                continue;
            }

            list.Add(new QueueSummary(
                _layout.Approaches[a].Name, QueueMaxVehicles[a], QueueMaxMetres[a], QueueFrames > 0 ? QueueSumMetres[a] / QueueFrames : 0));
        }

        return list;
    }
}
