using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Everything the accuracy harness measured on one scenario.</summary>
/// <param name="Scenario">The scenario as run (seed and duration set).</param>
/// <param name="Frames">Frames processed.</param>
/// <param name="Tracking">Tracking metrics on the ground-truth boxes.</param>
/// <param name="Counts">Reference vs pipeline counts per bin and element.</param>
/// <param name="TrueBins">The reference summaries in reporting bins (for the peak hour).</param>
/// <param name="CountedBins">The pipeline's summaries in reporting bins.</param>
/// <param name="Cost">Per-stage time.</param>
/// <param name="RouteCheck">Reference analytics against the simulator's routes.</param>
/// <param name="IncompleteMovements">Road users the analytics saw enter without exit or the reverse: reference, pipeline.</param>
/// <param name="IntervalsNotComplete">Interval summaries of the pipeline that were partial or had no data.</param>
internal sealed record ScenarioEvalResult(
    ScenarioOptions Scenario,
    long Frames,
    MotMetrics Tracking,
    CountComparison Counts,
    TrafficBins TrueBins,
    TrafficBins CountedBins,
    StageCost Cost,
    IReadOnlyList<RouteCheckRow> RouteCheck,
    TrueAndCounted IncompleteMovements,
    int IntervalsNotComplete)
{
    /// <summary>Per-journey diagnosis of the movement counts, or null when not run.</summary>
    public JourneyDiagnosisResult? Journeys { get; init; }

    /// <summary>Per-crossing diagnosis of the line counts, or null when not run.</summary>
    public CrossingDiagnosisResult? Crossings { get; init; }

    /// <summary>
    /// Tracking metrics with ground truth under <see cref="ModelEvalResult.NearFieldMinHeight"/> px "don't care" as well
    /// (the part of the frame where the lines and zones are), or null when not measured. A diagnostic beside
    /// <see cref="ScenarioEvalResult.Tracking"/>, which the targets use.
    /// </summary>
    public MotMetrics? NearFieldTracking { get; init; }

    /// <summary>Every identity switch of the run, in order.</summary>
    public IReadOnlyList<IdSwitch> IdSwitches { get; init; } = [];

    /// <summary>Queues behind the stop lines, pipeline against reference per analytics interval, or null when not measured.</summary>
    public QueueComparison? Queues { get; init; }

    /// <summary>Approach names by index (for the diagnosis rows).</summary>
    public IReadOnlyList<string> ApproachNames { get; init; } = [];

    /// <summary>Whether every route-check row agrees.</summary>
    public bool RouteCheckAgrees
    {
        get
        {
            foreach (var row in RouteCheck)
            {
                if (!row.Agrees)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
