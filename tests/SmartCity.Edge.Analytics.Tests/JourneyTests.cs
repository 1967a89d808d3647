using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

/// <summary>
/// Journeys across broken tracks on the calibrated four-arm layout (<see cref="MovementTests.FourArms"/> on a
/// top-down ground of 20 px per metre, north up): stitching, inferred entries and exits, one count per road user,
/// and the journey's majority class.
/// </summary>
public class JourneyTests
{
    private static CameraAnalytics Engine(Action<JourneyOptions>? edit = null) => NewEngine(Options(o =>
    {
        o.Approaches = MovementTests.FourArms();
        o.Calibration = TopDownCalibration();
        edit?.Invoke(o.Journeys);
    }));

    private static IntervalSummary Close(CameraAnalytics engine, bool finishTracks = false)
    {
        engine.Flush(At(60), finishTracks);
        return Assert.Single(engine.TakeAll());
    }

    private static List<MovementEvent> Events(CameraAnalytics engine)
    {
        var buffer = new MovementEvent[16];
        int n = engine.TakeMovementEvents(buffer);
        return [.. buffer.AsSpan(0, n).ToArray()];
    }

    /// <summary>Track 1 leaves the north entry southbound and is lost; track 2 appears where it would be now and turns west.</summary>
    private static double BrokenRightTurn(CameraAnalytics engine, float bornX, float bornY, TrafficClass first = TrafficClass.Car, TrafficClass second = TrafficClass.Car)
    {
        double t = engine.Drive(1, 0, 300, 80, 300, 180, 10, first);      // 10 px (0.5 m) per frame: 5 m/s
        for (int k = 0; k < 5; k++, t += 0.1)
        {
            engine.Frame(t);                                              // lost: the tracker reports nothing for it
        }

        t = engine.Drive(2, t, bornX, bornY, 180, 225, 12, second);
        t = engine.Drive(2, t, 180, 225, 100, 225, 8, second);            // through the west exit zone and beyond
        engine.Update([], [1, 2], At(t));
        return t;
    }

    [Theory]
    [InlineData(4.0, 1)]
    [InlineData(0.0, 0)]
    public void A_track_broken_between_entry_and_exit_is_stitched_into_one_journey(double windowSeconds, int expected)
    {
        var engine = Engine(j =>
        {
            j.StitchWindow = TimeSpan.FromSeconds(windowSeconds);
            j.InferEntry = false;
        });
        BrokenRightTurn(engine, 300, 232);
        IntervalSummary s = Close(engine);
        Assert.Equal(expected, s.MovementTotal("north", "west", TrafficClass.Car));
        Assert.Equal(expected, s.StitchedJourneys);
        if (expected == 1)
        {
            MovementEvent e = Assert.Single(Events(engine));
            Assert.Equal((2, MovementEvidence.Stitched), (e.TrackId, e.Evidence));
            Assert.Equal(0, s.IncompleteMovements);
        }
    }

    [Theory]
    [InlineData(4.0, 1)]
    [InlineData(2.0, 0)]
    public void A_road_user_hidden_while_driving_on_is_carried_on_for_the_whole_prediction_time(double predictionSeconds, int expected)
    {
        // Eastbound at 2.5 m/s out of the west entry, hidden for 3.6 s (behind a bus), found again 9 m further on in
        // the east exit zone. Carried on for 2 s it would be expected 4 m short of there: outside a fixed 3 m gate.
        var engine = Engine(j =>
        {
            j.MaxPrediction = TimeSpan.FromSeconds(predictionSeconds);
            j.StitchRadiusGrowthMetresPerSecond = 0;
            j.InferEntry = false;
            j.InferExit = false;
        });
        double t = engine.Drive(1, 0, 130, 260, 250, 260, 24);           // 5 px (0.25 m) a frame
        for (int k = 0; k < 35; k++, t += 0.1)
        {
            engine.Frame(t);
        }

        t = engine.Drive(2, t, 430, 260, 560, 260, 26);                  // through the east exit zone and out
        engine.Update([], [1, 2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(expected, s.MovementTotal("west", "east", TrafficClass.Car));
        Assert.Equal(expected, s.StitchedJourneys);
    }

    /// <summary>
    /// The same eastbound car, with two counting lines: one it crosses in sight (x = 200), one it crosses hidden
    /// (x = 340, between its loss at x = 250 and its new track at x = 430). Stitched, the new track takes over the
    /// lines' state: the hidden crossing is counted once, the one in sight is not counted again. Not stitched (a
    /// window of 0), the hidden crossing is lost, as before. The lost track is either still held by the tracker or
    /// already removed (its journey then waits as a ghost).
    /// </summary>
    [Theory]
    [InlineData(4.0, false, 1)]
    [InlineData(4.0, true, 1)]
    [InlineData(0.0, false, 0)]
    public void A_line_crossed_while_hidden_is_counted_once_by_the_track_that_continues_the_journey(double windowSeconds, bool removed, int hiddenCrossings)
    {
        var engine = NewEngine(Options(o =>
        {
            o.Approaches = MovementTests.FourArms();
            o.Calibration = TopDownCalibration();
            o.Journeys.StitchWindow = TimeSpan.FromSeconds(windowSeconds);
            o.Journeys.InferEntry = false;
            o.Lines =
            [
                new CountingLineOptions { Name = "seen", Start = [200, 230], End = [200, 290], In = [1, 0] },
                new CountingLineOptions { Name = "hidden", Start = [340, 230], End = [340, 290], In = [1, 0] },
            ];
        }));
        double t = engine.Drive(1, 0, 130, 260, 250, 260, 24);
        if (removed)
        {
            engine.Update([], [1], At(t));
        }

        for (int k = 0; k < 35; k++, t += 0.1)
        {
            engine.Frame(t);
        }

        t = engine.Drive(2, t, 430, 260, 560, 260, 26);
        engine.Update([], [1, 2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("seen", CrossingDirection.In));
        Assert.Equal(hiddenCrossings, s.LineTotal("hidden", CrossingDirection.In, TrafficClass.Car));
        Assert.Equal(0, s.LineTotal("hidden", CrossingDirection.Out));
    }

    [Fact]
    public void A_new_track_listed_before_a_live_one_does_not_take_its_journey()
    {
        // Track 1 waits in the west entry zone; track 2 appears 1.5 m beside it, outside every zone, and the tracker
        // lists it first. Track 1 is still here, so it is no donor for stitching: it drives on and is counted.
        var engine = Engine(j => j.InferEntry = false);
        double t = engine.Drive(1, 0, 150, 260, 200, 260, 10);
        for (int k = 0; k < 10; k++, t += 0.1)
        {
            engine.Frame(t, Track(2, 205, 290 + (k * 10)), Track(1, 200 + (k * 5), 260));
        }

        t = engine.Drive(1, t, 250, 260, 540, 260, 30);                 // east through the east exit zone and out
        engine.Update([], [1, 2], At(t));
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((1, 3, 1), (e.TrackId, e.From, e.To));
    }

    /// <summary>
    /// The four arms, with a stop line at the top of the south entry zone when <paramref name="stopLine"/> is set; track 1
    /// drives up the south approach into the entry zone and waits there for 2 s. Returns the time after that.
    /// </summary>
    private static (CameraAnalytics Engine, double Seconds) CarWaitingAtSouthStopLine(bool stopLine)
    {
        var engine = NewEngine(Options(o =>
        {
            o.Approaches = MovementTests.FourArms();
            if (stopLine)
            {
                o.Approaches[2].StopLine = new StopLineOptions { Start = [320, 320], End = [360, 320] };
            }

            o.Calibration = TopDownCalibration();
            o.Journeys.InferEntry = false;
        }));
        double t = engine.Drive(1, 0, 340, 410, 340, 350, 10);
        for (int k = 0; k < 20; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, 340, 350));
        }

        return (engine, t);
    }

    /// <summary>
    /// Track 1 waits in the south entry zone (its stop line at the zone's top) and is hidden by track 2, which comes into
    /// the picture 3.5 m behind it, outside the zone, within the stitching gate. Then track 1 is tracked again and both
    /// drive north. Track 2 lies further back along the approach than a car waiting there can move, so it does not
    /// continue track 1's journey: both are counted. Without the stop line the approach's direction is not known and
    /// track 2 takes the journey, so track 1 is not counted when it drives on.
    /// </summary>
    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void A_track_coming_up_behind_a_car_waiting_in_its_entry_zone_does_not_take_its_journey(bool stopLine, int counted)
    {
        var (engine, t) = CarWaitingAtSouthStopLine(stopLine);

        for (int k = 0; k < 10; k++, t += 0.1)
        {
            engine.Frame(t);                                              // hidden, still a live track
        }

        for (int k = 0; k < 5; k++, t += 0.1)
        {
            engine.Frame(t, Track(2, 340, 420 - k));                      // into the picture behind it, below the zone
        }

        for (int k = 1; k <= 30; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, 340, 350 - (k * 10)), Track(2, 340, 416 - (k * 10)));   // both north, out of the picture
        }

        engine.Update([], [1, 2], At(t));
        List<MovementEvent> events = Events(engine);
        Assert.Equal(counted, events.Count);
        Assert.All(events, e => Assert.Equal((2, 0), (e.From, e.To)));
        Assert.Contains(events, e => e.TrackId == 2);
    }

    /// <summary>
    /// As above, but track 1 (a car) ends while it waits (the tracker gave up on it), so its journey is a ghost when track 2,
    /// a bus, comes into the picture 3.5 m behind it. With the stop line the bus is no continuation of the car: its journey
    /// is its own and counted as a bus. Without it the bus continues the car's journey and inherits its class votes.
    /// </summary>
    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void A_track_coming_up_behind_where_a_car_waiting_in_its_entry_zone_ended_does_not_continue_it(bool stopLine, int stitched)
    {
        var (engine, t) = CarWaitingAtSouthStopLine(stopLine);

        engine.Update([], [1], At(t));                                   // the tracker ends track 1
        for (int k = 0; k < 10; k++)
        {
            t += 0.1;
            engine.Frame(t);
        }

        t += 0.1;
        t = engine.Drive(2, t, 340, 420, 340, 416, 4, TrafficClass.Bus);
        t = engine.Drive(2, t, 340, 416, 340, 116, 30, TrafficClass.Bus);
        engine.Update([], [2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(stitched, s.StitchedJourneys);
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((2, 2, 0), (e.TrackId, e.From, e.To));
        Assert.Equal(stitched == 1, e.Evidence.HasFlag(MovementEvidence.Stitched));
    }

    [Fact]
    public void A_track_born_outside_the_gate_or_of_another_kind_is_not_stitched()
    {
        var far = Engine(j => j.InferEntry = false);
        BrokenRightTurn(far, 300, 330);                                     // 4.5 m behind the predicted position
        Assert.Equal(0, Close(far).StitchedJourneys);

        var pedestrian = Engine(j => j.InferEntry = false);
        BrokenRightTurn(pedestrian, 300, 232, first: TrafficClass.Pedestrian, second: TrafficClass.Car);
        IntervalSummary s = Close(pedestrian);
        Assert.Equal(0, s.StitchedJourneys);
        Assert.Empty(s.Movements!);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_track_born_after_the_entry_zone_takes_the_entry_straight_behind_it(bool infer, int expected)
    {
        var engine = Engine(j => j.InferEntry = infer);
        double t = engine.Drive(1, 0, 300, 200, 300, 450, 25);              // southbound from the middle, out by the south exit
        engine.Update([], [1], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(expected, s.MovementTotal("north", "south", TrafficClass.Car));
        Assert.Equal(expected, s.InferredEntries);
        if (expected == 1)
        {
            Assert.Equal(MovementEvidence.InferredEntry, Assert.Single(Events(engine)).Evidence);
        }
    }

    /// <summary>
    /// A southbound car hidden until it is past the north stop line (y = 165), first seen in the middle of the
    /// junction: with its entry inferred (north, straight behind it), the stop line it crossed out of sight is counted
    /// "in", once, in its class. The east stop line, not on the path from the north entry zone, is not, nor a line
    /// beside the path whose extension the path crosses. Without entry
    /// inference nothing is inferred. A car seen crossing the line is counted as before, with nothing inferred. One first
    /// seen on the line (2 px past it, inside the 4 px hysteresis band: never clearly on either side before) is inferred
    /// too, from where it is when its entry is inferred.
    /// </summary>
    [Theory]
    [InlineData(true, 200, 1, 1)]
    [InlineData(false, 200, 0, 0)]
    [InlineData(true, 100, 1, 0)]
    [InlineData(true, 167, 1, 1)]
    public void A_stop_line_crossed_before_the_track_was_first_seen_is_inferred_with_the_entry(bool infer, float bornY, int expected, int inferred)
    {
        var engine = NewEngine(Options(o =>
        {
            o.Approaches = MovementTests.FourArms();
            o.Calibration = TopDownCalibration();
            o.Journeys.InferEntry = infer;
            o.Lines =
            [
                new CountingLineOptions { Name = "north-stop", Start = [280, 165], End = [320, 165], In = [0, 1] },
                new CountingLineOptions { Name = "east-stop", Start = [395, 200], End = [395, 240], In = [-1, 0] },
                new CountingLineOptions { Name = "beside", Start = [340, 165], End = [380, 165], In = [0, 1] },
            ];
        }));
        double t = engine.Drive(1, 0, 300, bornY, 300, 450, 25, TrafficClass.Truck);
        engine.Update([], [1], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(expected, s.LineTotal("north-stop", CrossingDirection.In, TrafficClass.Truck));
        Assert.Equal(0, s.LineTotal("north-stop", CrossingDirection.Out));
        Assert.Equal(0, s.LineTotal("east-stop", CrossingDirection.In) + s.LineTotal("east-stop", CrossingDirection.Out));
        Assert.Equal(0, s.LineTotal("beside", CrossingDirection.In));
        Assert.Equal(inferred, s.InferredCrossings);
        Assert.Equal(expected, s.MovementTotal("north", "south", TrafficClass.Truck));
    }

    /// <summary>
    /// A truck whose box splits in two in the junction: track 1 drives south out of the north entry over the stop line
    /// (y = 165, counted); track 2 is born on its front half 50 px ahead while track 1 is still seen (so it is not
    /// stitched), then track 1 is lost (held by the tracker, no longer reported). Track 2 stands for a while, drives on
    /// south, and its entry is inferred (north), with the stop line it was first seen past. Track 1 counted that
    /// crossing: taken over, it is counted once. When track 1 was lost longer ago than the stitch window (4 s) before
    /// track 2's entry is inferred, or was lost ahead of where track 2 was first seen (driven on to y = 290: another road
    /// user), the crossing is counted again.
    /// </summary>
    [Theory]
    [InlineData(0.5, 200, 1)]
    [InlineData(6.0, 200, 2)]
    [InlineData(0.5, 290, 2)]
    public void A_stop_line_counted_by_a_track_lost_moments_before_is_not_counted_again_by_the_track_that_took_over(double standSeconds, float lostY, int expected)
    {
        var engine = NewEngine(Options(o =>
        {
            o.Approaches = MovementTests.FourArms();
            o.Calibration = TopDownCalibration();
            o.Lines = [new CountingLineOptions { Name = "north-stop", Start = [280, 165], End = [320, 165], In = [0, 1] }];
        }));
        double t = engine.Drive(1, 0, 300, 100, 300, lostY, 10, TrafficClass.Truck);
        for (int k = 0; k < 3; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, 300, lostY + (5 * k), TrafficClass.Truck), Track(2, 300, 250 + (5 * k), TrafficClass.Truck));
        }

        for (double stood = 0; stood < standSeconds; stood += 0.1, t += 0.1)
        {
            engine.Frame(t, Track(2, 300, 260, TrafficClass.Truck));
        }

        t = engine.Drive(2, t, 300, 260, 300, 450, 19, TrafficClass.Truck);
        engine.Update([], [1, 2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(expected, s.LineTotal("north-stop", CrossingDirection.In, TrafficClass.Truck));
        Assert.Equal(expected - 1, s.InferredCrossings);
        Assert.Equal(1, s.MovementTotal("north", "south", TrafficClass.Truck));
    }

    [Fact]
    public void A_track_born_halfway_round_a_turn_takes_the_entry_back_along_its_arc()
    {
        // A left turn from the west entry to the north exit round a 5 m (100 px) arc about (240, 160); the tracker only
        // finds the car 15° into the turn, past the west entry zone. Nothing lies straight behind its first 3 m.
        var engine = Engine();
        double t = 0;
        for (double phi = 15; phi <= 90; phi += 5, t += 0.1)
        {
            double r = phi * Math.PI / 180;
            engine.Frame(t, Track(1, (float)(240 + (100 * Math.Sin(r))), (float)(160 + (100 * Math.Cos(r)))));
        }

        t = engine.Drive(1, t, 340, 150, 340, 40, 11);                   // through the north exit zone and out
        engine.Update([], [1], At(t));
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((3, 0, MovementEvidence.InferredEntry), (e.From, e.To, e.Evidence));
    }

    [Theory]
    [InlineData(8, 1)]      // looked at again as it drives on: 4 m in, the bend shows, and leads back to the west entry
    [InlineData(3, 0)]      // tried once, at 3 m: too little bend yet, and it is in the north exit zone before it is tried again
    public void A_track_born_in_a_wide_turn_is_followed_back_along_its_bend_once_the_bend_shows(double bendMaxTravel, int expected)
    {
        // A left turn from the west entry to the north exit round an 8 m (160 px) arc about (180, 100), the west entry
        // zone shortened to end where the arc starts; the tracker finds the car 25° into the turn, 3.4 m past that zone.
        // Over its first 3 m the chords turn by 0.19 rad, under the 0.2 a bend needs; nothing lies straight behind.
        ApproachOptions[] arms = MovementTests.FourArms();
        arms[3].EntryZone = MovementTests.Rect(120, 240, 180, 280);
        var engine = NewEngine(Options(o =>
        {
            o.Approaches = arms;
            o.Calibration = TopDownCalibration();
            o.Journeys.InferBendMaxTravelMetres = bendMaxTravel;
        }));
        double t = 0;
        for (double phi = 25; phi <= 90; phi += 2.5, t += 0.1)
        {
            double r = phi * Math.PI / 180;
            engine.Frame(t, Track(1, (float)(180 + (160 * Math.Sin(r))), (float)(100 + (160 * Math.Cos(r)))));
        }

        t = engine.Drive(1, t, 340, 100, 340, 20, 8);                    // on north through the exit zone and out
        engine.Update([], [1], At(t));
        List<MovementEvent> events = Events(engine);
        Assert.Equal(expected, events.Count);
        if (expected == 1)
        {
            Assert.Equal((3, 0, MovementEvidence.InferredEntry), (events[0].From, events[0].To, events[0].Evidence));
        }
    }

    [Theory]
    [InlineData(255, 1)]    // 0.75 m past the west entry zone
    [InlineData(310, 0)]    // 3.5 m past it: too far to say where it came from
    public void A_track_first_seen_just_past_an_entry_zone_moving_away_from_it_takes_that_entry(float bornX, int expected)
    {
        // Missed in the west entry zone, found heading 30° left of straight across (nothing lies straight behind it);
        // it goes on to the north exit.
        var engine = Engine();
        double t = engine.Drive(1, 0, bornX, 262, bornX + 52, 232, 6);
        t = engine.Drive(1, t, bornX + 52, 232, 340, 180, 6);
        engine.Drive(1, t, 340, 180, 340, 40, 14);
        Assert.Equal(expected, Events(engine).Count(e => e.From == 3 && e.To == 0 && e.Evidence == MovementEvidence.InferredEntry));
    }

    [Fact]
    public void No_entry_is_inferred_for_a_diagonal_heading_or_a_pedestrian()
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 330, 250, 250, 330, 10);              // south-west across the box: no arm straight behind
        t = engine.Drive(2, t, 300, 200, 300, 450, 25, TrafficClass.Pedestrian);
        engine.Update([], [1, 2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(0, s.InferredEntries);
        Assert.Empty(s.Movements!);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void A_track_lost_before_the_exit_zone_takes_the_exit_straight_ahead_but_not_at_the_end_of_a_recording(bool lost, int expected)
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 150, 260, 330, 260, 18);              // eastbound out of the west entry, lost in the box
        if (lost)
        {
            engine.Update([], [1], At(t));
        }

        IntervalSummary s = Close(engine, finishTracks: true);
        Assert.Equal(expected, s.MovementTotal("west", "east", TrafficClass.Car));
        Assert.Equal(expected, s.InferredExits);
        Assert.Equal(1 - expected, s.IncompleteMovements);
    }

    [Theory]
    [InlineData(TrafficClass.Car, 1)]
    [InlineData(TrafficClass.Motorcycle, 1)]
    [InlineData(TrafficClass.Bus, 0)]       // a long vehicle's box bottom is not where it drives: no exit from its heading
    [InlineData(TrafficClass.Truck, 0)]
    public void A_bus_or_truck_lost_before_the_exit_zone_takes_no_exit_from_its_heading(TrafficClass cls, int expected)
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 150, 260, 330, 260, 18, cls);         // eastbound out of the west entry, lost in the box
        engine.Update([], [1], At(t));
        IntervalSummary s = Close(engine, finishTracks: true);
        Assert.Equal(expected, s.InferredExits);
        Assert.Equal(expected, s.MovementTotal("west", "east", cls));
    }

    [Fact]
    public void A_journey_never_has_both_ends_inferred()
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 200, 300, 300, 10);              // born after the north entry, lost before the south exit
        engine.Update([], [1], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.InferredEntries);
        Assert.Equal(0, s.InferredExits);
        Assert.Empty(s.Movements!);
    }

    [Theory]
    [InlineData(4.0, 1)]
    [InlineData(0.0, 2)]
    public void A_new_track_continuing_a_counted_journey_does_not_count_it_again(double windowSeconds, int expected)
    {
        var engine = Engine(j => j.StitchWindow = TimeSpan.FromSeconds(windowSeconds));
        double t = engine.Drive(1, 0, 150, 260, 300, 260, 15);              // counted at its loss: inferred exit east
        engine.Update([], [1], At(t));
        t = engine.Drive(2, t + 0.2, 320, 260, 560, 260, 24);               // the same car found again, out by the east exit
        engine.Update([], [2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(expected, s.MovementTotal("west", "east", TrafficClass.Car));
    }

    [Fact]
    public void A_journey_completed_when_its_track_ended_in_the_exit_zone_is_not_continued_by_a_new_track()
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 80, 300, 360, 28);               // north entry → into the south exit zone
        engine.Update([], [1], At(t));                                      // lost there: counted at its removal
        t = engine.Drive(2, t + 0.1, 300, 372, 300, 460, 9);                // found again in the exit zone, leaves it
        engine.Update([], [2], At(t));
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.MovementTotal("north", "south", TrafficClass.Car));
        Assert.Equal(0, s.StitchedJourneys);
    }

    [Fact]
    public void A_journey_is_counted_in_its_majority_class()
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 80, 300, 150, 7);
        t = engine.Drive(1, t, 300, 150, 300, 230, 8);
        t = engine.Drive(1, t, 300, 230, 180, 225, 8);
        engine.Drive(1, t, 180, 225, 100, 225, 8, TrafficClass.Motorcycle); // the detector calls it a motorcycle at the end
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.MovementTotal("north", "west", TrafficClass.Car));
        Assert.Equal(0, s.MovementTotal("north", "west", TrafficClass.Motorcycle));
    }

    /// <summary>
    /// A journey seen first as a "motorcycle", then close up and whole (40 × 30 px) as a car for 8 frames, is counted a
    /// car: votes weigh each frame by box area. Small in the distance (8 × 6 px, 17 frames): by frames the motorcycle
    /// would win, by area (8 × 1200 > 17 × 48) the car does. Half hidden by the car in front, a strip (12 × 30 px, 16
    /// frames): by box height the strip would win (16 × 30 > 8 × 30), by area (8 × 1200 > 16 × 360) the car does.
    /// </summary>
    [Theory]
    [InlineData(7, 8, 6)]   // small in the distance
    [InlineData(8, 12, 30)] // a strip of a car half hidden by the one in front
    public void A_journey_is_counted_in_the_class_it_had_when_seen_large_and_whole(int firstLegFrames, float width, float height)
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 80, 300, 150, firstLegFrames, TrafficClass.Motorcycle, width, height);
        t = engine.Drive(1, t, 300, 150, 300, 230, 8, TrafficClass.Motorcycle, width, height);
        t = engine.Drive(1, t, 300, 230, 180, 225, 4, TrafficClass.Car, 40, 30);
        engine.Drive(1, t, 180, 225, 100, 225, 4, TrafficClass.Car, 40, 30);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.MovementTotal("north", "west", TrafficClass.Car));
        Assert.Equal(0, s.MovementTotal("north", "west", TrafficClass.Motorcycle));
    }

    /// <summary>
    /// A road user called a "motorcycle" for 11 frames (40 × 40 px), then driving on as a car (40 × 30 px) for 11 new
    /// views. Standing still, its 11 motorcycle frames are one view and vote once (1,440 against the car's 11,880):
    /// a car. Moving 10 px a frame, they are 11 views (15,840): a motorcycle. Before session 20 every frame voted, and a
    /// car waiting a minute as a misclassified slice was counted in the slice's class.
    /// </summary>
    [Theory]
    [InlineData(100f, 100f, TrafficClass.Car)]       // standing at y = 100: one view
    [InlineData(60f, 160f, TrafficClass.Motorcycle)] // from y = 60 to 160: a new view every frame
    public void A_road_user_standing_still_votes_once_for_the_view_it_stands_in(float startY, float firstLegEndY, TrafficClass counted)
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, startY, 300, firstLegEndY, 10, TrafficClass.Motorcycle, 40, 40);
        t = engine.Drive(1, t, 300, firstLegEndY, 300, 230, 4, TrafficClass.Car);
        t = engine.Drive(1, t, 300, 230, 180, 225, 3, TrafficClass.Car);
        engine.Drive(1, t, 180, 225, 100, 225, 3, TrafficClass.Car);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.MovementTotal("north", "west", counted));
        Assert.Equal(1, s.MovementTotal("north", "west"));
    }

    /// <summary>
    /// Straight from the north entry to the south exit (360 px = 18 m) in <paramref name="frames"/> frames at 10 fps:
    /// 12 is 54 km/h, 36 is 18 km/h. The speed that counts is the displacement over 2 s, so a turn's chord would
    /// understate it.
    /// </summary>
    private static MovementEvent ThroughAt(CameraAnalytics engine, TrafficClass cls, int frames)
    {
        engine.Drive(1, 0, 300, 80, 300, 440, frames, cls, 20, 30);
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((0, 2), (e.From, e.To));
        return e;
    }

    [Theory]
    [InlineData(TrafficClass.Bicycle, 12, TrafficClass.Motorcycle)]   // a "bicycle" at 54 km/h
    [InlineData(TrafficClass.Bicycle, 36, TrafficClass.Bicycle)]      // a bicycle at 18 km/h
    [InlineData(TrafficClass.Pedestrian, 36, TrafficClass.Bicycle)]   // a "pedestrian" at 18 km/h
    [InlineData(TrafficClass.Pedestrian, 12, TrafficClass.Motorcycle)] // … at 54 km/h: past both limits
    [InlineData(TrafficClass.Motorcycle, 36, TrafficClass.Motorcycle)] // never towards the slower class
    [InlineData(TrafficClass.Car, 12, TrafficClass.Car)]
    public void A_journey_faster_than_its_class_moves_is_counted_as_the_faster_two_wheeler(TrafficClass seen, int frames, TrafficClass counted)
    {
        var engine = Engine();
        MovementEvent e = ThroughAt(engine, seen, frames);
        Assert.Equal(counted, e.Class);
        Assert.Equal(counted != seen, e.Evidence.HasFlag(MovementEvidence.ClassFromSpeed));
        Assert.Equal(1, Close(engine).MovementTotal("north", "south", counted));
    }

    [Fact]
    public void With_the_speed_limits_off_a_fast_bicycle_stays_a_bicycle()
    {
        var engine = Engine(j => j.MaxBicycleSpeedKmh = 0);
        Assert.Equal(TrafficClass.Bicycle, ThroughAt(engine, TrafficClass.Bicycle, 12).Class);
    }

    [Fact]
    public void A_walker_whose_box_jitters_stays_a_pedestrian()
    {
        // 1.4 m/s (5 km/h) south with the box bottom jumping 0.4 m sideways and back every frame: each segment
        // is ~0.8 m per 0.1 s (29 km/h), the displacement over 2 s stays at walking speed.
        var engine = Engine();
        double t = 0;
        for (int k = 0; k <= 130; k++, t += 0.1)
        {
            float jitter = (k & 1) == 0 ? 8 : -8;
            engine.Frame(t, Track(1, 300 + jitter, 80 + (k * 2.8f), TrafficClass.Pedestrian, 14, 30)); // north entry → south exit
        }

        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((0, 2, TrafficClass.Pedestrian), (e.From, e.To, e.Class));
    }

    [Theory]
    [InlineData(100, 220, 1)]   // found again beyond the west exit zone: it drove through it
    [InlineData(180, 260, 0)]   // found again in the west entry zone beside it: more likely an id moved to a road user coming in
    public void A_road_user_found_again_beyond_the_exit_zone_it_drove_through_unobserved_exits_there(float x, float y, int counted)
    {
        // Out of the south entry zone and towards the west exit at 5–7 m/s; the tracker loses it for 0.8 s (8 frames) in
        // the junction, in which it crosses the whole exit zone (x 240 → 120), and finds it again at (x, y). Night
        // 900504 truth 45 (session 21): 1.4 s without a box carried it across all 10 m of its exit zone, uncounted.
        var engine = Engine();
        double t = engine.Drive(1, 0, 340, 400, 340, 300, 10);
        t = engine.Drive(1, t + 0.1, 330, 290, 260, 220, 7);
        for (int k = 1; k <= 8; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, 260, 220, state: TrackState.Lost, framesSinceUpdate: k));
        }

        engine.Drive(1, t, x, y, x - 20, y, 2);
        List<MovementEvent> counts = Events(engine);   // before the track ends: what ending infers is another rule
        Assert.Equal(counted, counts.Count);
        if (counted == 1)
        {
            Assert.Equal((2, 3, MovementEvidence.InferredExit), (counts[0].From, counts[0].To, counts[0].Evidence));
        }
    }

    [Theory]
    [InlineData(16, 100, MovementEvidence.Stitched | MovementEvidence.InferredExit)] // the new track is born beyond the west exit zone
    [InlineData(1, 250, MovementEvidence.Stitched)]                                  // born before it: seen leaving it
    public void A_new_track_continuing_a_journey_beyond_the_exit_zone_it_went_through_unobserved_exits_there(
        int lostFrames, float bornX, MovementEvidence evidence)
    {
        // Out of the south entry zone, then west at 5 m/s; the tracker loses it at x 260 and, lostFrames frames later
        // while the lost track is still listed, a new track is born where it would be by then. Born beyond the west
        // exit zone (x 120-240), the road user went through that zone while no track had it.
        var engine = Engine();
        double t = engine.Drive(1, 0, 340, 400, 340, 300, 10);
        t = engine.Drive(1, t + 0.1, 340, 290, 340, 230, 6);
        t = engine.Drive(1, t + 0.1, 330, 220, 260, 220, 7);
        for (int k = 1; k < lostFrames; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, 260, 220, state: TrackState.Lost, framesSinceUpdate: k));
        }

        for (int k = 0; k <= 6; k++, t += 0.1)
        {
            float x = bornX - ((bornX - 60) * k / 6);
            engine.Frame(t, Track(1, 260, 220, state: TrackState.Lost, framesSinceUpdate: lostFrames + k), Track(2, x, 220));
        }

        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((2, 2, 3, evidence), (e.TrackId, e.From, e.To, e.Evidence));
    }

    [Theory]
    [InlineData(60, 1)]     // lost two thirds round a left turn from the north entry: east, along the arc it was driving
    [InlineData(0, 2)]      // lost before it turned: south, straight ahead
    public void A_track_lost_while_turning_takes_the_exit_along_its_arc(double lostAtDegrees, int expectedExit)
    {
        // Southbound at 2.5 m/s (5 px a frame) out of the north entry zone, then round a 3 m (60 px) left turn about
        // (360, 200) towards the east exit; the tracker loses it lostAtDegrees into the turn.
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 90, 300, 200, 22);
        for (double phi = 5; phi <= lostAtDegrees; phi += 5, t += 0.1)
        {
            double r = phi * Math.PI / 180;
            engine.Frame(t, Track(1, (float)(360 - (60 * Math.Cos(r))), (float)(200 + (60 * Math.Sin(r)))));
        }

        engine.Update([], [1], At(t));
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((0, expectedExit, MovementEvidence.InferredExit), (e.From, e.To, e.Evidence));
    }

    [Fact]
    public void A_queued_car_drifting_into_its_own_arms_exit_zone_is_not_a_U_turn_and_counts_where_it_then_goes()
    {
        // Waiting in the north entry zone beside the centre line (x 320), the box drifts 0.3 m over into the north exit
        // zone for half a second and back; then the car drives south. Without the reach check the drift was a
        // north → north U-turn and the car's real journey was never counted.
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 80, 316, 150, 8);
        for (int k = 0; k < 20; k++, t += 0.1)
        {
            engine.Frame(t, Track(1, k is >= 5 and < 10 ? 326 : 316, 150));
        }

        t = engine.Drive(1, t, 316, 150, 300, 250, 10);
        engine.Drive(1, t, 300, 250, 300, 460, 12);                     // through the south exit zone and out
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((0, 2), (e.From, e.To));
    }

    [Fact]
    public void A_U_turn_through_the_junction_is_counted()
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 80, 300, 150, 7);             // north entry, southbound
        t = engine.Drive(1, t, 300, 150, 300, 290, 10);                  // 6.5 m into the junction
        t = engine.Drive(1, t, 300, 290, 340, 290, 4);                   // turns round
        engine.Drive(1, t, 340, 290, 340, 40, 20);                       // back out through the north exit zone
        MovementEvent e = Assert.Single(Events(engine));
        Assert.Equal((0, 0), (e.From, e.To));
    }

    [Theory]
    [InlineData(true, 1)]       // lost driving north into its own arm's exit zone: a U-turn, inferred
    [InlineData(false, 0)]      // lost standing there (crept 0.6 m in over its last second): not seen turning round
    public void A_U_turn_is_inferred_only_for_a_road_user_lost_while_moving(bool moving, int expected)
    {
        var engine = Engine();
        double t = engine.Drive(1, 0, 300, 80, 300, 150, 7);             // north entry, southbound
        t = engine.Drive(1, t, 300, 150, 300, 310, 12);                  // 7 m into the junction
        t = engine.Drive(1, t, 300, 310, 340, 250, 4);                   // turns round
        t = engine.Drive(1, t, 340, 250, 340, 170, 4);                   // northbound at 10 m/s up to the exit zone
        if (moving)
        {
            engine.Frame(t, Track(1, 340, 150));                         // one frame in it, still driving
        }
        else
        {
            t = engine.Drive(1, t, 340, 170, 340, 170, 20);              // stands 2 s just short of it
            engine.Frame(t, Track(1, 340, 158));                         // and creeps 0.6 m in
        }

        engine.Update([], [1], At(t + 0.1));
        List<MovementEvent> events = Events(engine);
        Assert.Equal(expected, events.Count);
        if (expected == 1)
        {
            Assert.Equal((0, 0, MovementEvidence.InferredExit), (events[0].From, events[0].To, events[0].Evidence));
        }
    }

    [Theory]
    [InlineData("journeys.minUTurnReachMetres")]
    [InlineData("journeys.stitchWindow")]
    [InlineData("journeys.stitchRadiusMetres")]
    [InlineData("journeys.inferMaxAngleDegrees")]
    [InlineData("journeys.maxBicycleSpeedKmh")]
    [InlineData("journeys.maxPedestrianSpeedKmh")]
    [InlineData("journeys.inferBendMaxTravelMetres")]
    public void Out_of_range_journey_options_are_refused_naming_the_key(string element)
    {
        var o = Options(o =>
        {
            o.Approaches = MovementTests.FourArms();
            switch (element)
            {
                case "journeys.stitchWindow": o.Journeys.StitchWindow = TimeSpan.FromSeconds(-1); break;
                case "journeys.stitchRadiusMetres": o.Journeys.StitchRadiusMetres = double.NaN; break;
                case "journeys.maxBicycleSpeedKmh": o.Journeys.MaxBicycleSpeedKmh = 5; break;    // 0 is off, 10–150 a limit
                case "journeys.maxPedestrianSpeedKmh": o.Journeys.MaxPedestrianSpeedKmh = double.PositiveInfinity; break;
                case "journeys.minUTurnReachMetres": o.Journeys.MinUTurnReachMetres = -1; break;
                case "journeys.inferBendMaxTravelMetres": o.Journeys.InferBendMaxTravelMetres = double.NaN; break;
                default: o.Journeys.InferMaxAngleDegrees = 120; break;
            }
        });
        var ex = Assert.Throws<AnalyticsConfigurationException>(() => AnalyticsLayout.Compile(o, Device, Width, Height));
        Assert.Equal(element, ex.Element);
    }
}
