using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class MovementTests
{
    [Theory]
    [InlineData(Approach.North, Approach.South, MovementKind.Through)]
    [InlineData(Approach.North, Approach.East, MovementKind.Left)]
    [InlineData(Approach.North, Approach.West, MovementKind.Right)]
    [InlineData(Approach.North, Approach.North, MovementKind.UTurn)]
    [InlineData(Approach.East, Approach.West, MovementKind.Through)]
    [InlineData(Approach.East, Approach.South, MovementKind.Left)]
    [InlineData(Approach.East, Approach.North, MovementKind.Right)]
    [InlineData(Approach.East, Approach.East, MovementKind.UTurn)]
    [InlineData(Approach.South, Approach.North, MovementKind.Through)]
    [InlineData(Approach.South, Approach.West, MovementKind.Left)]
    [InlineData(Approach.South, Approach.East, MovementKind.Right)]
    [InlineData(Approach.South, Approach.South, MovementKind.UTurn)]
    [InlineData(Approach.West, Approach.East, MovementKind.Through)]
    [InlineData(Approach.West, Approach.North, MovementKind.Left)]
    [InlineData(Approach.West, Approach.South, MovementKind.Right)]
    [InlineData(Approach.West, Approach.West, MovementKind.UTurn)]
    public void Movements_of_a_four_arm_intersection_are_the_same_for_both_driving_sides(Approach from, Approach to, MovementKind expected)
    {
        foreach (DrivingSide side in new[] { DrivingSide.Right, DrivingSide.Left })
        {
            MovementKind kind = MovementClassifier.Classify(
                MovementClassifier.InboundBearingOf(from), MovementClassifier.InboundBearingOf(to), side, from == to);
            Assert.Equal(expected, kind);
        }

        // Derived in a compiled layout too.
        AnalyticsLayout layout = AnalyticsLayout.Compile(Options(o => o.Approaches = FourArms()), Device, Width, Height);
        Assert.True(layout.TryGetMovement(layout.IndexOfApproach(Name(from)), layout.IndexOfApproach(Name(to)), out MovementKind derived));
        Assert.Equal(expected, derived);
    }

    [Theory]
    [InlineData(330, DrivingSide.Right, MovementKind.Right)]   // sharp right (150°)
    [InlineData(330, DrivingSide.Left, MovementKind.UTurn)]    // … a U-turn where they drive on the left
    [InlineData(30, DrivingSide.Right, MovementKind.UTurn)]    // sharp left (−150°) is a U-turn in right-hand traffic
    [InlineData(30, DrivingSide.Left, MovementKind.Left)]
    [InlineData(200, DrivingSide.Right, MovementKind.Through)]  // outbound 20°: 20° off straight
    public void A_sharp_turn_is_a_U_turn_only_towards_the_side_U_turns_are_made_on(double toInboundBearing, DrivingSide side, MovementKind expected) =>
        Assert.Equal(expected, MovementClassifier.Classify(0, toInboundBearing, side));

    [Fact]
    public void A_listed_kind_overrides_the_derived_one_and_without_derivation_only_listed_movements_count()
    {
        AnalyticsLayout layout = AnalyticsLayout.Compile(Options(o =>
        {
            o.Approaches = FourArms();
            o.DeriveMovements = false;
            o.Movements = [new MovementOptions { From = "north", To = "south", Kind = MovementKind.Left }, new MovementOptions { From = "west", To = "north" }];
        }), Device, Width, Height);
        Assert.True(layout.TryGetMovement(layout.IndexOfApproach("north"), layout.IndexOfApproach("south"), out MovementKind k1));
        Assert.Equal(MovementKind.Left, k1);
        Assert.True(layout.TryGetMovement(layout.IndexOfApproach("west"), layout.IndexOfApproach("north"), out MovementKind k2));
        Assert.Equal(MovementKind.Left, k2);
        Assert.False(layout.TryGetMovement(layout.IndexOfApproach("east"), layout.IndexOfApproach("west"), out _));
    }

    [Fact]
    public void A_track_from_the_north_entry_to_the_west_exit_is_a_right_turn_emitted_when_it_leaves_the_exit_zone()
    {
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 300, 80, 300, 150, 7);        // through the north entry zone
        t = engine.Drive(1, t, 300, 150, 300, 230, 8);              // into the box
        t = engine.Drive(1, t, 300, 230, 180, 225, 8);              // turns west
        Assert.Equal(0, engine.LiveMovementCount(0, 3, TrafficClass.Car));
        engine.Drive(1, t, 180, 225, 100, 225, 8);                  // through the west exit zone and beyond
        Assert.Equal(1, engine.LiveMovementCount(0, 3, TrafficClass.Car));
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        MovementCount m = Assert.Single(s.Movements!);
        Assert.Equal(("north", "west", MovementKind.Right, TrafficClass.Car, 1), (m.From, m.To, m.Kind, m.Class, m.Count));
        Assert.Equal(0, s.IncompleteMovements);
    }

    [Fact]
    public void A_track_removed_inside_its_exit_zone_completes_its_movement_and_one_without_exit_is_incomplete()
    {
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 340, 400, 340, 300, 10, TrafficClass.Bus);   // south entry, heading north
        t = engine.Drive(1, t, 340, 300, 340, 140, 10, TrafficClass.Bus);           // into the north exit zone
        engine.Update([], [1], At(t));
        t = engine.Drive(2, t + 0.1, 460, 220, 420, 220, 4);                        // east entry, then vanishes
        engine.Update([], [2], At(t));
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(1, s.MovementTotal("south", "north", TrafficClass.Bus));
        Assert.Equal(1, s.IncompleteMovements);
    }

    [Fact]
    public void A_journey_finished_when_its_stale_track_is_swept_at_an_interval_close_is_counted_in_that_interval()
    {
        // The car stops in the west exit zone and the tracker never reports it again nor removes it (it keeps a hidden
        // track in its lost buffer). At the 60 s close the analytics sweeps it (30 s stale) and completes the journey:
        // the count must reach a summary, as the movement event does. It used to go to the closed interval's
        // accumulator after that interval was taken, and was wiped when the next one opened.
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 300, 80, 300, 150, 7);
        t = engine.Drive(1, t, 300, 150, 300, 230, 8);
        t = engine.Drive(1, t, 300, 230, 180, 225, 8);                 // into the west exit zone, and stands there
        for (t += 1; t < 70; t += 1)
        {
            engine.Frame(t);
        }

        var events = new MovementEvent[4];
        Assert.Equal(1, engine.TakeMovementEvents(events));
        engine.Flush(At(120));
        List<IntervalSummary> summaries = engine.TakeAll();
        Assert.Equal(2, summaries.Count);
        Assert.Equal(1, summaries[0].MovementTotal("north", "west"));
        Assert.Equal(0, summaries[1].MovementTotal("north", "west"));
    }

    [Fact]
    public void A_road_user_coming_in_across_the_corner_of_an_exit_zone_is_counted_from_the_entry_it_then_passes()
    {
        // A bus comes into the picture at the bottom edge over the south exit zone (x 280–320), moves over into the
        // south entry zone and drives north. Seen in an exit zone first, it used to be written off as "born late".
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 305, 470, 310, 400, 5, TrafficClass.Bus);    // into the south exit zone
        t = engine.Drive(1, t, 310, 400, 340, 370, 4, TrafficClass.Bus);            // over into the south entry zone
        t = engine.Drive(1, t, 340, 370, 340, 300, 6, TrafficClass.Bus);
        t = engine.Drive(1, t, 340, 300, 340, 140, 10, TrafficClass.Bus);           // through the north exit zone
        engine.Drive(1, t, 340, 140, 340, 40, 6, TrafficClass.Bus);
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(1, s.MovementTotal("south", "north", TrafficClass.Bus));
        Assert.Equal(0, s.IncompleteMovements);
    }

    [Fact]
    public void A_track_whose_id_goes_on_to_another_road_user_after_its_count_counts_that_journey_too()
    {
        // Track 1 takes a bus from the south entry to the north exit and is counted; the tracker then hands its id
        // to a car coming in from the east 3 s later (an identity switch at the frame edge), which drives west.
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 340, 400, 340, 300, 10, TrafficClass.Bus);
        t = engine.Drive(1, t, 340, 300, 340, 140, 10, TrafficClass.Bus);
        t = engine.Drive(1, t, 340, 140, 340, 40, 4, TrafficClass.Bus);            // counted north of the exit zone
        t = engine.Drive(1, t + 3, 500, 220, 420, 220, 6);                          // the id now on a car, east entry
        t = engine.Drive(1, t, 420, 220, 240, 220, 10);
        engine.Drive(1, t, 240, 220, 100, 220, 8);                                  // through the west exit zone
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(1, s.MovementTotal("south", "north", TrafficClass.Bus));
        Assert.Equal(1, s.MovementTotal("east", "west", TrafficClass.Car));
        Assert.Equal(0, s.IncompleteMovements);
    }

    /// <summary>
    /// A truck turns from the north entry into the east exit and is counted as it leaves the exit zone; at once the
    /// tracker hands its id to a car coming in from the east, which crosses the east entry zone in 0.7 s and drives
    /// west (session 20, dense-queue 900301 truth 146). Moving against the way the truck went into its exit, the track
    /// starts the car's journey at once; with the velocities the tracker reports left out (0), only the 2-s wait
    /// applies and the car, out of its entry zone by then, is not counted.
    /// </summary>
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_counted_track_turning_back_into_an_entry_zone_starts_a_new_journey_at_once(bool velocities, int cars)
    {
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 300, 80, 300, 260, 12, TrafficClass.Truck, reportVelocity: velocities);
        t = engine.Drive(1, t, 300, 260, 560, 260, 13, TrafficClass.Truck, reportVelocity: velocities); // through the east exit zone: counted
        t = engine.Drive(1, t, 540, 220, 380, 220, 10, TrafficClass.Car, reportVelocity: velocities);   // the id on a car, east entry zone
        engine.Drive(1, t, 380, 220, 100, 220, 10, TrafficClass.Car, reportVelocity: velocities);       // through the west exit zone
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(1, s.MovementTotal("north", "east", TrafficClass.Truck));
        Assert.Equal(cars, s.MovementTotal("east", "west", TrafficClass.Car));
    }

    [Fact]
    public void A_journey_started_by_a_carried_over_id_takes_its_class_from_its_own_detections()
    {
        // As above, but as a real tracker reports it: the track's voted class stays "bus" after the id moved to the car
        // (its votes span both road users); only the detections matched to it since say "car".
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 340, 400, 340, 300, 10, TrafficClass.Bus);
        t = engine.Drive(1, t, 340, 300, 340, 140, 10, TrafficClass.Bus);
        t = engine.Drive(1, t, 340, 140, 340, 40, 4, TrafficClass.Bus);
        t = engine.Drive(1, t + 3, 500, 220, 420, 220, 6, TrafficClass.Bus, detected: TrafficClass.Car);
        t = engine.Drive(1, t, 420, 220, 240, 220, 10, TrafficClass.Bus, detected: TrafficClass.Car);
        engine.Drive(1, t, 240, 220, 100, 220, 8, TrafficClass.Bus, detected: TrafficClass.Car);
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(1, s.MovementTotal("south", "north", TrafficClass.Bus));
        Assert.Equal(1, s.MovementTotal("east", "west", TrafficClass.Car));
        Assert.Equal(0, s.MovementTotal("east", "west", TrafficClass.Bus));
    }

    [Fact]
    public void A_journey_class_weighs_each_detection_by_its_score()
    {
        // The same box size throughout: 14 frames of doubtful "bicycle" detections (0.3), then 9 confident
        // "motorcycle" ones (0.9). By frames the bicycle wins; by score × height, as the tracker votes, the motorcycle.
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 340, 400, 340, 270, 13, TrafficClass.Motorcycle, detected: TrafficClass.Bicycle, score: 0.3f);
        engine.Drive(1, t, 340, 260, 340, 40, 8, TrafficClass.Motorcycle, detected: TrafficClass.Motorcycle, score: 0.9f);
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(1, s.MovementTotal("south", "north", TrafficClass.Motorcycle));
    }

    [Fact]
    public void A_counted_track_that_wobbles_into_an_entry_zone_right_away_starts_nothing()
    {
        // Leaving north along the centre line, the box's bottom strays into the north entry zone (x < 320) for four
        // frames and back into the exit zone: counted when it first left the exit zone, and the wobble straight
        // after is the same road user — no second journey (it would be a north → north U-turn), no incomplete one.
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 340, 400, 340, 300, 10);
        t = engine.Drive(1, t, 340, 300, 322, 150, 10);                             // into the north exit zone
        for (int k = 0; k < 10; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, k is >= 2 and <= 5 ? 316 : 322, 150 - (k * 9)));
        }

        t = engine.Drive(1, t, 322, 60, 322, 20, 4);
        engine.Update([], [1], At(t));
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        MovementCount m = Assert.Single(s.Movements!);
        Assert.Equal(("south", "north", 1), (m.From, m.To, m.Count));
        Assert.Equal(0, s.IncompleteMovements);
    }

    [Fact]
    public void A_track_seen_only_in_an_exit_zone_is_an_incomplete_journey()
    {
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = engine.Drive(1, 0, 230, 220, 130, 220, 10);                     // born in the west exit zone, leaving
        engine.Drive(1, t, 130, 220, 20, 220, 6);
        engine.Update([], [1], At(t + 1));
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Empty(s.Movements!);
        Assert.Equal(1, s.IncompleteMovements);
    }

    [Fact]
    public void Jitter_across_the_entry_zone_edge_into_the_same_arms_exit_zone_is_not_a_U_turn()
    {
        var engine = NewEngine(Options(o => o.Approaches = FourArms()));
        double t = 0;
        for (int k = 0; k < 30; k++, t += 0.1)
        {
            // Queued in the north entry zone next to the centre line, one frame in three over it.
            engine.Frame(t, Track(1, k % 3 == 0 ? 322 : 318, 120));
        }

        engine.Update([], [1], At(t));
        engine.Flush(At(60));
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Empty(s.Movements!);
        Assert.Equal(1, s.IncompleteMovements);
    }

    internal static string Name(Approach a) => a.ToString().ToLowerInvariant();

    /// <summary>A plus-shaped intersection centred at (320, 240), right-hand traffic.</summary>
    internal static ApproachOptions[] FourArms() =>
    [
        new() { Name = "north", Side = Approach.North, EntryZone = Rect(280, 60, 320, 160), ExitZone = Rect(320, 60, 360, 160) },
        new() { Name = "east", Side = Approach.East, EntryZone = Rect(400, 200, 520, 240), ExitZone = Rect(400, 240, 520, 280) },
        new() { Name = "south", Side = Approach.South, EntryZone = Rect(320, 320, 360, 420), ExitZone = Rect(280, 320, 320, 420) },
        new() { Name = "west", Side = Approach.West, EntryZone = Rect(120, 240, 240, 280), ExitZone = Rect(120, 200, 240, 240) },
    ];

    internal static float[][] Rect(float x1, float y1, float x2, float y2) => [[x1, y1], [x2, y1], [x2, y2], [x1, y2]];
}
