using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>The per-journey diagnosis of the accuracy harness on hand-made frames and counts.</summary>
public class JourneyDiagnosisTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);

    private static float[][] Rect(float x1, float y1, float x2, float y2) => [[x1, y1], [x2, y1], [x2, y2], [x1, y2]];

    /// <summary>A plus-shaped intersection (north 0, east 1, south 2, west 3), as in the analytics tests.</summary>
    private static IReadOnlyList<ApproachGeometry> FourArms() => AnalyticsLayout.Compile(
        new CameraAnalyticsOptions
        {
            Camera = "cam",
            Approaches =
            [
                new() { Name = "north", Side = Approach.North, EntryZone = Rect(280, 60, 320, 160), ExitZone = Rect(320, 60, 360, 160) },
                new() { Name = "east", Side = Approach.East, EntryZone = Rect(400, 200, 520, 240), ExitZone = Rect(400, 240, 520, 280) },
                new() { Name = "south", Side = Approach.South, EntryZone = Rect(320, 320, 360, 420), ExitZone = Rect(280, 320, 320, 420) },
                new() { Name = "west", Side = Approach.West, EntryZone = Rect(120, 240, 240, 280), ExitZone = Rect(120, 200, 240, 240) },
            ],
        },
        "dev",
        640,
        480).Approaches;

    /// <summary>A box whose bottom centre is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static TrackBox At(int track, float x, float y) => new(track, new BoxF(x - 10, y - 10, x + 10, y));

    private static MovementEvent Count(int track, int from, int to, TrafficClass cls) => new(T, track, from, to, cls, MovementEvidence.Observed);

    [Fact]
    public void Each_journey_gets_the_outcome_that_explains_its_count()
    {
        var d = new JourneyDiagnosis(FourArms());

        // Road user 1 (north → south): track 5 in the north entry, then track 7 in the south exit; nobody counted it.
        d.AddFrame([At(5, 300, 100)], new Dictionary<int, int> { [1] = 5 });
        d.AddFrame([At(7, 300, 380)], new Dictionary<int, int> { [1] = 7 });

        // Road user 2 (west → east): one track, counted as a motorcycle.
        d.AddFrame([At(9, 200, 260)], new Dictionary<int, int> { [2] = 9 });
        d.AddPipeline([Count(9, 3, 1, TrafficClass.Motorcycle)]);

        // Road user 3 (south → north bus): counted twice by its track.
        d.AddFrame([At(11, 340, 380)], new Dictionary<int, int> { [3] = 11 });
        d.AddPipeline([Count(11, 2, 0, TrafficClass.Bus), Count(11, 2, 0, TrafficClass.Bus)]);

        // Track 99 matched nobody; road user 4 (north → west) was never matched.
        d.AddPipeline([Count(99, 1, 3, TrafficClass.Car)]);
        d.AddReference([Count(1, 0, 2, TrafficClass.Car), Count(2, 3, 1, TrafficClass.Car), Count(3, 2, 0, TrafficClass.Bus), Count(4, 0, 3, TrafficClass.Car)]);

        JourneyDiagnosisResult r = d.Compute();
        Assert.Equal(4, r.Journeys);
        var byTruth = r.Rows.Where(x => x.TrueClass is not null).ToDictionary(x => x.TruthId, x => x.Outcome);
        Assert.Equal(JourneyOutcome.FragmentedBetweenZones, byTruth[1]);
        Assert.Equal(JourneyOutcome.ClassWrong, byTruth[2]);
        Assert.Equal(JourneyOutcome.Counted, byTruth[3]);
        Assert.Equal(JourneyOutcome.NeverTracked, byTruth[4]);
        Assert.Equal(1, r.Count(JourneyOutcome.DoubleCount));
        Assert.Equal(1, r.Count(JourneyOutcome.CountWithoutJourney));
        Assert.Equal([5, 7], r.Rows.Single(x => x.TruthId == 1 && x.TrueClass is not null).Tracks);
    }

    [Fact]
    public void A_journey_whose_road_user_never_showed_a_tenth_of_itself_is_flagged_hidden_throughout()
    {
        var d = new JourneyDiagnosis(FourArms());
        static GroundTruthObject Seen(int id, float visibility) =>
            new(id, TrafficClass.Car, new BoxF(290, 90, 310, 100), Approach.North, Approach.South, visibility);

        // Road user 1 behind a bus all the way (at most 5 % showing); road user 2 showed half of itself once and was
        // missed anyway; road user 3 was counted; road user 4 has no ground truth frames here (unknown).
        d.AddTruth([Seen(1, 0f), Seen(2, 0.1f), Seen(3, 1f)]);
        d.AddTruth([Seen(1, 0.05f), Seen(2, 0.5f), Seen(3, 0.2f)]);
        d.AddTruth([Seen(1, 0.02f), Seen(2, 0.3f)]);
        d.AddFrame([At(11, 300, 100)], new Dictionary<int, int> { [3] = 11 });
        d.AddPipeline([Count(11, 0, 2, TrafficClass.Car)]);
        d.AddReference([Count(1, 0, 2, TrafficClass.Car), Count(2, 0, 2, TrafficClass.Car), Count(3, 0, 2, TrafficClass.Car), Count(4, 0, 2, TrafficClass.Car)]);

        JourneyDiagnosisResult r = d.Compute();
        var byTruth = r.Rows.Where(x => x.TrueClass is not null).ToDictionary(x => x.TruthId);
        Assert.Equal(0.05f, byTruth[1].MaxVisibility);
        Assert.Equal(0.5f, byTruth[2].MaxVisibility);
        Assert.Equal(1f, byTruth[3].MaxVisibility);
        Assert.Null(byTruth[4].MaxVisibility);
        Assert.Equal(JourneyOutcome.Counted, byTruth[3].Outcome);
        Assert.Equal(1, r.MissedHiddenThroughout);
        Assert.EndsWith(" 1 |", r.MarkdownCells(), StringComparison.Ordinal);
        Assert.Contains("missed, hidden throughout", JourneyDiagnosisResult.MarkdownHeader(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_emitted_as_the_id_moves_to_another_road_user_belongs_to_the_one_that_drove_through_the_exit()
    {
        var d = new JourneyDiagnosis(FourArms());

        // Track 14 follows a truck (road user 57) north → east out through the east exit zone; at the frame edge the
        // tracker moves the id to a car (road user 72) coming in through the east entry zone, and the count is emitted.
        d.AddFrame([At(14, 300, 100)], new Dictionary<int, int> { [57] = 14 });
        d.AddFrame([At(14, 450, 260)], new Dictionary<int, int> { [57] = 14 });
        d.AddFrame([At(14, 500, 220)], new Dictionary<int, int> { [72] = 14 });
        d.AddPipeline([Count(14, 0, 1, TrafficClass.Truck)]);
        d.AddFrame([At(14, 200, 220)], new Dictionary<int, int> { [72] = 14 });
        d.AddPipeline([Count(14, 1, 3, TrafficClass.Car)]);
        d.AddReference([Count(57, 0, 1, TrafficClass.Truck), Count(72, 1, 3, TrafficClass.Car)]);

        JourneyDiagnosisResult r = d.Compute();
        Assert.All(r.Rows, row => Assert.Equal(JourneyOutcome.Counted, row.Outcome));
        Assert.Equal(2, r.Rows.Count);
    }

    [Fact]
    public void A_count_belongs_to_the_road_user_its_track_drove_through_both_zones_not_the_one_beside_it_at_the_exit()
    {
        var d = new JourneyDiagnosis(FourArms());

        // Two trucks leave west → east side by side. Track 20 drives road user 5 from the west entry zone through the
        // east exit zone, where it is matched to road user 6 (beside it) for its last frames; track 21 follows road user
        // 6 from the entry zone to the exit. Each track counts west → east once: one each.
        d.AddFrame([At(20, 200, 260), At(21, 180, 260)], new Dictionary<int, int> { [5] = 20, [6] = 21 });
        d.AddFrame([At(20, 450, 260), At(21, 440, 260)], new Dictionary<int, int> { [5] = 20, [6] = 21 });
        d.AddFrame([At(20, 480, 260), At(21, 470, 260)], new Dictionary<int, int> { [6] = 20 });
        d.AddPipeline([Count(20, 3, 1, TrafficClass.Truck), Count(21, 3, 1, TrafficClass.Truck)]);
        d.AddReference([Count(5, 3, 1, TrafficClass.Truck), Count(6, 3, 1, TrafficClass.Truck)]);

        JourneyDiagnosisResult r = d.Compute();
        Assert.Equal(2, r.Rows.Count);
        Assert.All(r.Rows, row => Assert.Equal(JourneyOutcome.Counted, row.Outcome));
    }

    [Fact]
    public void A_track_that_saw_only_the_entry_or_only_the_exit_is_lost_before_the_exit_or_born_after_the_entry()
    {
        var d = new JourneyDiagnosis(FourArms());
        d.AddFrame([At(5, 300, 100), At(6, 300, 380)], new Dictionary<int, int> { [1] = 5, [2] = 6 });
        d.AddReference([Count(1, 0, 2, TrafficClass.Car), Count(2, 0, 2, TrafficClass.Car)]);

        JourneyDiagnosisResult r = d.Compute();
        Assert.Equal(JourneyOutcome.LostBeforeExit, r.Rows.Single(x => x.TruthId == 1).Outcome);
        Assert.Equal(JourneyOutcome.BornAfterEntry, r.Rows.Single(x => x.TruthId == 2).Outcome);
    }
}
