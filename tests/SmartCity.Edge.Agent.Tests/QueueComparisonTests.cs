using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Analytics.Summaries;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

public class QueueComparisonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Intervals_are_paired_by_approach_and_start_and_summarised_as_means_and_absolute_errors()
    {
        var queues = new QueueComparison();
        queues.AddTrue(T0, [new QueueSummary("north", 6, 40, 20), new QueueSummary("south", 2, 10, 4)]);
        queues.AddTrue(T0.AddMinutes(1), [new QueueSummary("north", 8, 50, 30), new QueueSummary("south", 0, 0, 0)]);
        queues.AddCounted(T0, [new QueueSummary("north", 5, 44, 18), new QueueSummary("south", 2, 9, 5)], complete: true);
        queues.AddCounted(T0.AddMinutes(1), [new QueueSummary("north", 9, 42, 33), new QueueSummary("south", 1, 6, 1)], complete: true);

        var samples = queues.Samples();
        Assert.Equal(["north", "north", "south", "south"], samples.Select(s => s.Approach));
        Assert.Equal([T0, T0.AddMinutes(1), T0, T0.AddMinutes(1)], samples.Select(s => s.Start));

        var rows = queues.Summarise();
        Assert.Equal(2, rows.Count);
        var north = rows[0];
        Assert.Equal("north", north.Approach);
        Assert.Equal(2, north.Intervals);
        Assert.Equal(new TrueAndCountedMean(7, 7), north.MaxVehicles);
        Assert.Equal(1, north.MaxVehiclesError, 10); // |5 − 6| and |9 − 8|: the means agree, the intervals do not.
        Assert.Equal(new TrueAndCountedMean(45, 43), north.MaxMetres);
        Assert.Equal(6, north.MaxMetresError, 10); // |44 − 40| = 4, |42 − 50| = 8.
        Assert.Equal(new TrueAndCountedMean(25, 25.5), north.MeanMetres);
        Assert.Equal(2.5, north.MeanMetresError, 10);
        var south = rows[1];
        Assert.Equal(0.5, south.MaxVehiclesError, 10);
        Assert.Equal(3.5, south.MaxMetresError, 10);
    }

    [Fact]
    public void Intervals_the_pipeline_did_not_complete_or_the_reference_lacks_are_left_out()
    {
        var queues = new QueueComparison();
        queues.AddTrue(T0, [new QueueSummary("north", 6, 40, 20)]);
        queues.AddTrue(T0.AddMinutes(1), [new QueueSummary("north", 8, 50, 30)]);
        queues.AddCounted(T0, [new QueueSummary("north", 0, 0, 0)], complete: false); // camera down: not a queue of 0.
        queues.AddCounted(T0.AddMinutes(1), [new QueueSummary("north", 7, 47, 29)], complete: true);
        queues.AddCounted(T0.AddMinutes(2), [new QueueSummary("north", 3, 20, 9)], complete: true); // no reference yet.
        queues.AddCounted(T0.AddMinutes(1), null, complete: true);

        var sample = Assert.Single(queues.Samples());
        Assert.Equal(T0.AddMinutes(1), sample.Start);
        var north = Assert.Single(queues.Summarise());
        Assert.Equal(1, north.Intervals);
        Assert.Equal(3, north.MaxMetresError, 10);
    }

    [Fact]
    public void No_queues_give_no_rows() => Assert.Empty(new QueueComparison().Summarise());
}
