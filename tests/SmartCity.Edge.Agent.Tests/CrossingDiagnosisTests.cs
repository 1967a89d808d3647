using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>The per-crossing diagnosis of the accuracy harness's line counts on hand-made frames and counts.</summary>
public class CrossingDiagnosisTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A horizontal stop line from x 100 to 300 at y 200, "in" pointing down the frame (y growing).</summary>
    private static IReadOnlyList<CountingLine> StopLine() => AnalyticsLayout.Compile(
        new CameraAnalyticsOptions
        {
            Camera = "cam",
            Lines = [new() { Name = "stop", Start = [100, 200], End = [300, 200], In = [0, 1] }],
        },
        "dev",
        640,
        480).Lines;

    /// <summary>A box whose bottom centre is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static TrackBox At(int track, float x, float y) => new(track, new BoxF(x - 10, y - 10, x + 10, y));

    private static CrossingEvent Crossing(int track, CrossingDirection direction, TrafficClass cls, double seconds = 0) =>
        new(T.AddSeconds(seconds), track, "stop", direction, cls, float.NaN);

    private static (JourneyDiagnosis Links, CrossingDiagnosis Crossings) Create()
    {
        var links = new JourneyDiagnosis([]);
        return (links, new CrossingDiagnosis(StopLine(), links));
    }

    private static void Frame(JourneyDiagnosis links, CrossingDiagnosis crossings, double seconds, TrackBox[] tracks, Dictionary<int, int> matches)
    {
        links.AddFrame(tracks, matches);
        crossings.AddFrame(tracks, matches, T.AddSeconds(seconds));
    }

    [Fact]
    public void Each_crossing_gets_the_outcome_that_explains_its_count()
    {
        var (links, d) = Create();

        // Road user 1: one track drives across, counted right. Road user 2: counted a bus, is a car.
        // Road user 3: one track seen above and below the line, nothing counted. Road user 4: track 40 above,
        // track 41 below. Road user 5: seen below only. Road user 6: never matched. Road user 7: counted twice,
        // and the second time the wrong way. Track 99 matched nobody and counted a crossing.
        Frame(links, d, 0, [At(10, 200, 180), At(20, 150, 180), At(30, 250, 180), At(40, 120, 180), At(50, 200, 260), At(70, 280, 180)],
            new() { [1] = 10, [2] = 20, [3] = 30, [4] = 40, [5] = 50, [7] = 70 });
        Frame(links, d, 1, [At(10, 200, 220), At(20, 150, 220), At(30, 250, 220), At(41, 120, 220), At(70, 280, 220)],
            new() { [1] = 10, [2] = 20, [3] = 30, [4] = 41, [7] = 70 });
        d.AddPipeline([Crossing(10, CrossingDirection.In, TrafficClass.Car, 1), Crossing(20, CrossingDirection.In, TrafficClass.Bus, 1),
            Crossing(70, CrossingDirection.In, TrafficClass.Car, 1), Crossing(70, CrossingDirection.Out, TrafficClass.Car, 2),
            Crossing(99, CrossingDirection.In, TrafficClass.Car, 3)]);
        d.AddReference([.. Enumerable.Range(1, 7).Select(id => Crossing(id, CrossingDirection.In, TrafficClass.Car, 1))]);

        CrossingDiagnosisResult r = d.Compute();
        Assert.Equal(7, r.Crossings);
        var byTruth = r.Rows.Where(x => x.TrueClass is not null).ToDictionary(x => x.TruthId);
        Assert.Equal(CrossingOutcome.Counted, byTruth[1].Outcome);
        Assert.Equal(CrossingOutcome.ClassWrong, byTruth[2].Outcome);
        Assert.Equal(TrafficClass.Bus, byTruth[2].CountedClass);
        Assert.Equal(CrossingOutcome.SeenBothSidesNotCounted, byTruth[3].Outcome);
        Assert.Equal(CrossingOutcome.FragmentedAcrossLine, byTruth[4].Outcome);
        Assert.Equal([40, 41], byTruth[4].Tracks);
        Assert.Equal(CrossingOutcome.SeenOneSideOnly, byTruth[5].Outcome);
        Assert.Equal(CrossingOutcome.NeverTracked, byTruth[6].Outcome);
        Assert.Equal(CrossingOutcome.Counted, byTruth[7].Outcome);
        Assert.Equal(1.0, byTruth[7].Seconds, 3);

        // Road user 7's "out" count has no "in" crossing of its own in the reference: a count without a crossing.
        Assert.Equal(CrossingDirection.Out, r.Rows.Single(x => x.TruthId == 7 && x.TrueClass is null).Direction);
        Assert.Equal(2, r.Count(CrossingOutcome.CountWithoutCrossing));
        Assert.Equal(0, r.Count(CrossingOutcome.DoubleCount));
        Assert.StartsWith("7 | 2 | 1 | 0 | 1 | 1 | 1 | 1 | 0 | 2 |", r.MarkdownCells(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_count_of_the_same_crossing_is_a_double_count_and_one_only_the_other_way_is_direction_wrong()
    {
        var (links, d) = Create();
        Frame(links, d, 0, [At(10, 200, 180), At(20, 150, 220)], new() { [1] = 10, [2] = 20 });
        d.AddPipeline([Crossing(10, CrossingDirection.In, TrafficClass.Car), Crossing(10, CrossingDirection.In, TrafficClass.Car),
            Crossing(20, CrossingDirection.Out, TrafficClass.Car)]);
        d.AddReference([Crossing(1, CrossingDirection.In, TrafficClass.Car), Crossing(2, CrossingDirection.In, TrafficClass.Car)]);

        CrossingDiagnosisResult r = d.Compute();
        Assert.Equal(1, r.Count(CrossingOutcome.DoubleCount));
        var wrongWay = r.Rows.Single(x => x.TruthId == 2);
        Assert.Equal(CrossingOutcome.DirectionWrong, wrongWay.Outcome);
        Assert.Equal(CrossingDirection.Out, wrongWay.CountedDirection);
    }

    [Fact]
    public void A_track_beside_the_segment_is_not_seen_on_its_sides()
    {
        var (links, d) = Create();

        // Road user 1 passes the line's extension at x 400, well beyond its end (300) and the 4 px hysteresis.
        Frame(links, d, 0, [At(10, 400, 180)], new() { [1] = 10 });
        Frame(links, d, 1, [At(10, 400, 220)], new() { [1] = 10 });
        d.AddReference([Crossing(1, CrossingDirection.In, TrafficClass.Car)]);

        Assert.Equal(CrossingOutcome.SeenOneSideOnly, d.Compute().Rows.Single().Outcome);
    }
}
