using SmartCity.Edge.Analytics.Summaries;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>One analytics interval's queue behind one approach's stop line, as the reference and the pipeline measured it.</summary>
/// <param name="Approach">The approach.</param>
/// <param name="Start">Start of the analytics interval.</param>
/// <param name="True">The reference's queue (the same analytics run on the ground-truth tracks, hidden road users included).</param>
/// <param name="Counted">The pipeline's queue.</param>
internal readonly record struct QueueSample(string Approach, DateTimeOffset Start, QueueSummary True, QueueSummary Counted);

/// <summary>
/// Queue lengths of one approach over a run, pipeline against reference, per analytics interval: means of the
/// per-interval values and mean absolute errors (MAE) between the two.
/// </summary>
/// <param name="Approach">The approach.</param>
/// <param name="Intervals">Analytics intervals compared (both sides complete).</param>
/// <param name="MaxVehicles">Most stopped vehicles in the queue in any frame of an interval, averaged over the intervals.</param>
/// <param name="MaxVehiclesError">Mean absolute error of that per-interval maximum, vehicles.</param>
/// <param name="MaxMetres">Longest queue of an interval (stop line to the farthest stopped vehicle's rear), averaged, metres.</param>
/// <param name="MaxMetresError">Mean absolute error of that per-interval longest queue, metres.</param>
/// <param name="MeanMetres">Queue length averaged over an interval's frames, averaged over the intervals, metres.</param>
/// <param name="MeanMetresError">Mean absolute error of that per-interval mean, metres.</param>
internal sealed record QueueAccuracy(
    string Approach,
    int Intervals,
    TrueAndCountedMean MaxVehicles,
    double MaxVehiclesError,
    TrueAndCountedMean MaxMetres,
    double MaxMetresError,
    TrueAndCountedMean MeanMetres,
    double MeanMetresError);

/// <summary>A mean over intervals on both sides.</summary>
internal readonly record struct TrueAndCountedMean(double True, double Counted);

/// <summary>
/// Pairs the queue summaries of the reference and the pipeline by approach and interval start. Intervals the
/// pipeline did not close as complete (no data, partial) are left out: a queue length measured over part of an
/// interval is not comparable with the reference's over all of it.
/// </summary>
internal sealed class QueueComparison
{
    private readonly Dictionary<(string Approach, DateTimeOffset Start), QueueSummary> _true = [];
    private readonly Dictionary<(string Approach, DateTimeOffset Start), QueueSummary> _counted = [];

    /// <summary>Adds the reference's queues of the interval starting at <paramref name="start"/>.</summary>
    public void AddTrue(DateTimeOffset start, IReadOnlyList<QueueSummary>? queues)
    {
        foreach (var q in queues ?? [])
        {
            _true[(q.Approach, start)] = q;
        }
    }

    /// <summary>Adds the pipeline's queues of the interval starting at <paramref name="start"/>, when it was complete.</summary>
    public void AddCounted(DateTimeOffset start, IReadOnlyList<QueueSummary>? queues, bool complete)
    {
        if (!complete)
        {
            return;
        }

        foreach (var q in queues ?? [])
        {
            _counted[(q.Approach, start)] = q;
        }
    }

    /// <summary>Every interval and approach both sides measured, by approach then time.</summary>
    public IReadOnlyList<QueueSample> Samples() =>
        [.. _counted
            .Where(kv => _true.ContainsKey(kv.Key))
            .Select(kv => new QueueSample(kv.Key.Approach, kv.Key.Start, _true[kv.Key], kv.Value))
            .OrderBy(s => s.Approach, StringComparer.Ordinal)
            .ThenBy(s => s.Start)];

    /// <summary>Per approach (ordinal name order): the means and mean absolute errors over the compared intervals.</summary>
    public IReadOnlyList<QueueAccuracy> Summarise() =>
        [.. Samples()
            .GroupBy(s => s.Approach, StringComparer.Ordinal)
            .Select(g =>
            {
                var s = g.ToList();
                return new QueueAccuracy(
                    g.Key,
                    s.Count,
                    new TrueAndCountedMean(s.Average(x => x.True.MaxVehicles), s.Average(x => x.Counted.MaxVehicles)),
                    s.Average(x => Math.Abs(x.Counted.MaxVehicles - x.True.MaxVehicles)),
                    new TrueAndCountedMean(s.Average(x => x.True.MaxMetres), s.Average(x => x.Counted.MaxMetres)),
                    s.Average(x => Math.Abs(x.Counted.MaxMetres - x.True.MaxMetres)),
                    new TrueAndCountedMean(s.Average(x => x.True.MeanMetres), s.Average(x => x.Counted.MeanMetres)),
                    s.Average(x => Math.Abs(x.Counted.MeanMetres - x.True.MeanMetres)));
            })];
}
