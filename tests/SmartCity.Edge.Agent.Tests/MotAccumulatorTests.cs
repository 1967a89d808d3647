using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>
/// Tiny hand-made sequences whose CLEAR-MOT and IDF1 values are worked out by hand in each test, following
/// the definitions cited on <see cref="MotMetrics"/>.
/// </summary>
public class MotAccumulatorTests
{
    private static GroundTruthObject Truth(int id, float x1, float x2, float visibility = 1f, float height = 20f) =>
        new(id, TrafficClass.Car, new BoxF(x1, 100, x2, 100 + height), Approach.South, Approach.North, visibility);

    private static TrackBox Track(int id, float x1, float x2, float height = 20f) => new(id, new BoxF(x1, 100, x2, 100 + height));

    [Fact]
    public void Perfect_tracking_scores_one_everywhere()
    {
        var mot = new MotAccumulator();
        for (int f = 0; f < 3; f++)
        {
            mot.AddFrame([Truth(1, f, f + 10), Truth(2, 50 + f, 60 + f)], [Track(7, f, f + 10), Track(8, 50 + f, 60 + f)]);
        }

        var m = mot.Compute();
        Assert.Equal(6, m.GroundTruthBoxes);
        Assert.Equal(2, m.GroundTruthTracks);
        Assert.Equal(6, m.Matches);
        Assert.Equal((0L, 0L, 0L, 0L), (m.FalsePositives, m.Misses, m.IdSwitches, m.Fragmentations));
        Assert.Equal(1.0, m.Mota);
        Assert.Equal(1.0, m.Motp, 6);
        Assert.Equal(1.0, m.Idf1);
    }

    [Fact]
    public void A_new_track_taking_over_an_object_is_one_id_switch()
    {
        // GT 1 in 4 frames: track 10 in frames 0–1, track 20 in frames 2–3.
        // MOTA = 1 − (0 + 0 + 1) / 4 = 0.75. IDF1: best pairing 1↔10 (2 frames) → IDTP 2, IDFP 2, IDFN 2 → 4 / 8.
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10)], [Track(10, 0, 10)]);
        mot.AddFrame([Truth(1, 1, 11)], [Track(10, 1, 11)]);
        mot.AddFrame([Truth(1, 2, 12)], [Track(20, 2, 12)]);
        mot.AddFrame([Truth(1, 3, 13)], [Track(20, 3, 13)]);

        var m = mot.Compute();
        Assert.Equal(1, m.IdSwitches);
        Assert.Equal(0.75, m.Mota, 10);
        Assert.Equal((2L, 2L, 2L), (m.IdTruePositives, m.IdFalsePositives, m.IdFalseNegatives));
        Assert.Equal(0.5, m.Idf1, 10);
        Assert.Equal(100.0, m.IdSwitchesPer100Tracks, 10);
    }

    [Fact]
    public void Losing_and_regaining_an_object_is_a_miss_and_a_fragmentation_not_a_switch()
    {
        // GT 1 in 5 frames, track 10 in all but frame 2. FN 1, Frag 1, IDSW 0; MOTA 0.8; IDF1 = 8 / (8 + 0 + 1).
        var mot = new MotAccumulator();
        for (int f = 0; f < 5; f++)
        {
            mot.AddFrame([Truth(1, f, f + 10)], f == 2 ? [] : [Track(10, f, f + 10)]);
        }

        var m = mot.Compute();
        Assert.Equal((1L, 1L, 0L), (m.Misses, m.Fragmentations, m.IdSwitches));
        Assert.Equal(0.8, m.Mota, 10);
        Assert.Equal(8.0 / 9.0, m.Idf1, 10);
    }

    [Fact]
    public void A_miss_before_the_first_match_is_no_fragmentation()
    {
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10)], []);
        mot.AddFrame([Truth(1, 1, 11)], [Track(10, 1, 11)]);

        var m = mot.Compute();
        Assert.Equal((1L, 0L), (m.Misses, m.Fragmentations));
    }

    [Fact]
    public void The_previous_correspondence_is_kept_while_it_stays_above_the_threshold()
    {
        // Frame 1: track 20 fits GT 1 better (IoU 1) than track 10 (IoU 9/11), but 10 was matched in frame 0
        // and still overlaps ≥ 0.5, so CLEAR-MOT keeps it: no switch, and 20 is a false positive.
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10)], [Track(10, 0, 10), Track(20, 100, 110)]);
        mot.AddFrame([Truth(1, 1, 11)], [Track(10, 2, 12), Track(20, 1, 11)]);

        var m = mot.Compute();
        Assert.Equal(0, m.IdSwitches);
        Assert.Equal(2, m.FalsePositives);
        Assert.Equal((1.0 + (9.0 / 11.0)) / 2, m.Motp, 5);
    }

    [Fact]
    public void The_frame_matching_is_optimal_not_greedy()
    {
        // IoU(a,x) = 9/11, IoU(a,y) = 7/13, IoU(b,x) = 7/13, IoU(b,y) = 3/17. Greedy on the best IoU pairs a↔x
        // and leaves b unmatched; the optimal assignment a↔y, b↔x matches both.
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10), Truth(2, 4, 14)], [Track(10, 1, 11), Track(20, -3, 7)]);

        var m = mot.Compute();
        Assert.Equal(2, m.Matches);
        Assert.Equal((0L, 0L), (m.Misses, m.FalsePositives));
    }

    [Fact]
    public void Dont_care_truth_is_neither_a_miss_nor_makes_its_track_a_false_positive()
    {
        // GT 2 is 20% visible and GT 3 is 5 px high: both "don't care". The track on GT 2 is removed from the
        // frame; GT 3 unmatched is no miss. Only GT 1 counts: MOTA 1.
        var mot = new MotAccumulator();
        mot.AddFrame(
            [Truth(1, 0, 10), Truth(2, 50, 60, visibility: 0.2f), Truth(3, 200, 210, height: 5)],
            [Track(10, 0, 10), Track(20, 50, 60)]);

        var m = mot.Compute();
        Assert.Equal(1, m.GroundTruthBoxes);
        Assert.Equal(1, m.GroundTruthTracks);
        Assert.Equal((0L, 0L), (m.Misses, m.FalsePositives));
        Assert.Equal(1, m.TrackIds);
        Assert.Equal(1.0, m.Mota);
        Assert.Equal(1.0, m.Idf1);
    }

    [Fact]
    public void The_near_field_scoring_leaves_out_switches_on_ground_truth_under_its_minimum_height()
    {
        // Two 10 px cars trade their tracks (2 switches), a 20 px car keeps its own. The full scoring (6 px floor) counts
        // both switches on 3 tracks; the near-field one (16 px) sees only the large car, and the small cars' tracks are
        // neither matches nor false positives there.
        var full = new MotAccumulator();
        var near = new MotAccumulator(minBoxHeight: ModelEvalResult.NearFieldMinHeight);
        foreach (var mot in new[] { full, near })
        {
            mot.AddFrame(
                [Truth(1, 0, 10, height: 10), Truth(2, 30, 40, height: 10), Truth(3, 100, 120)],
                [Track(10, 0, 10, height: 10), Track(20, 30, 40, height: 10), Track(30, 100, 120)]);
            mot.AddFrame(
                [Truth(1, 0, 10, height: 10), Truth(2, 30, 40, height: 10), Truth(3, 101, 121)],
                [Track(20, 0, 10, height: 10), Track(10, 30, 40, height: 10), Track(30, 101, 121)]);
        }

        var f = full.Compute();
        var n = near.Compute();
        Assert.Equal((2L, 3L), (f.IdSwitches, f.GroundTruthTracks));
        Assert.Equal((0L, 1L, 0L), (n.IdSwitches, n.GroundTruthTracks, n.FalsePositives));
        Assert.Equal(1.0, n.Mota);
        Assert.Equal(2, full.Switches.Count);
        Assert.Empty(near.Switches);
    }

    [Fact]
    public void Two_tracks_trading_two_walkers_are_two_switches_each_time_and_a_gap_under_the_same_id_is_none()
    {
        // CLEAR-MOT (Bernardin & Stiefelhagen 2008): a switch is a ground-truth object matched to another track id
        // than at its last match. Walkers 1 (x 0–10) and 2 (x 30–40); tracks 10 and 20.
        // Frames 0–1: 1↔10, 2↔20. Frame 2: traded (1↔20, 2↔10): 2 switches. Frame 3: still traded: none.
        // Frame 4: back (1↔10, 2↔20): 2 more. Frame 5: walker 1 missed. Frame 6: 1↔10 again: no switch, one fragmentation.
        var mot = new MotAccumulator();
        TrackBox[] straight = [Track(10, 0, 10), Track(20, 30, 40)], traded = [Track(20, 0, 10), Track(10, 30, 40)];
        GroundTruthObject[] walkers = [Truth(1, 0, 10), Truth(2, 30, 40)];
        foreach (var tracks in new[] { straight, straight, traded, traded, straight, [Track(20, 30, 40)], straight })
        {
            mot.AddFrame(walkers, tracks);
        }

        var m = mot.Compute();
        Assert.Equal((4L, 1L, 1L, 0L), (m.IdSwitches, m.Fragmentations, m.Misses, m.FalsePositives));
        Assert.Equal(2, m.GroundTruthTracks);
        Assert.Equal(200.0, m.IdSwitchesPer100Tracks, 10);
        Assert.Equal(1 - (5.0 / 14), m.Mota, 10);
    }

    [Fact]
    public void The_switch_log_tells_a_trade_between_neighbours_from_a_track_lost_and_replaced()
    {
        // Frames 0–1: walkers 1↔10, 2↔20. Frame 2: traded → two "swap" rows (the previous track now follows the
        // other walker). Frame 3: walker 1 hidden, track 20 gone. Frame 4: walker 1 back under a newborn track 30:
        // "lost-and-replaced" (track 20 not reported, track 30 born this frame, 2 frames since the last match).
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10), Truth(2, 30, 40)], [Track(10, 0, 10), Track(20, 30, 40)]);
        mot.AddFrame([Truth(1, 0, 10), Truth(2, 30, 40)], [Track(10, 0, 10), Track(20, 30, 40)]);
        mot.AddFrame([Truth(1, 0, 10), Truth(2, 30, 40)], [Track(20, 0, 10), Track(10, 30, 40)]);
        mot.AddFrame([Truth(1, 0, 10, visibility: 0.1f), Truth(2, 30, 40)], [Track(10, 30, 40)]);
        mot.AddFrame([Truth(1, 0, 10), Truth(2, 30, 40)], [Track(30, 0, 10), Track(10, 30, 40)]);

        Assert.Equal(3, mot.Compute().IdSwitches);
        Assert.Collection(
            mot.Switches,
            s => Assert.Equal((2, 1, 10, 20, "swap", 2), (s.Frame, s.TruthId, s.PreviousTrack, s.NewTrack, s.Kind, s.PreviousTrackNow)),
            s => Assert.Equal((2, 2, 20, 10, "swap", 1), (s.Frame, s.TruthId, s.PreviousTrack, s.NewTrack, s.Kind, s.PreviousTrackNow)),
            s =>
            {
                Assert.Equal((4, 1, 20, 30, "lost-and-replaced"), (s.Frame, s.TruthId, s.PreviousTrack, s.NewTrack, s.Kind));
                Assert.Equal((IdSwitch.NotReported, 0, 2, -1), (s.PreviousTrackNow, s.NewTrackAgeFrames, s.FramesSinceLastMatch, s.NewTrackPreviousTruth));
            });
    }

    [Fact]
    public void A_switch_across_an_occlusion_still_counts()
    {
        // GT 1 tracked by 10, then hidden ("don't care") for a frame, then tracked by 20: one switch, no fragmentation.
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10)], [Track(10, 0, 10)]);
        mot.AddFrame([Truth(1, 1, 11, visibility: 0.1f)], []);
        mot.AddFrame([Truth(1, 2, 12)], [Track(20, 2, 12)]);

        var m = mot.Compute();
        Assert.Equal((1L, 0L, 0L), (m.IdSwitches, m.Fragmentations, m.Misses));
    }

    [Fact]
    public void Idf1_uses_the_global_one_to_one_assignment()
    {
        // GT 1 (frames 0–3): track 10 in 0–2, track 20 in 3. GT 2 (frames 4–5): track 20.
        // Overlaps 1↔10: 3, 1↔20: 1, 2↔20: 2. Best one-to-one: 1↔10 + 2↔20 = 5 = IDTP.
        // GT boxes 6, track boxes 6 → IDFP 1, IDFN 1, IDF1 = 10 / 12. One switch (GT 1: 10 → 20), MOTA = 1 − 1/6.
        var mot = new MotAccumulator();
        for (int f = 0; f < 3; f++)
        {
            mot.AddFrame([Truth(1, f, f + 10)], [Track(10, f, f + 10)]);
        }

        mot.AddFrame([Truth(1, 3, 13)], [Track(20, 3, 13)]);
        mot.AddFrame([Truth(2, 300, 310)], [Track(20, 300, 310)]);
        mot.AddFrame([Truth(2, 301, 311)], [Track(20, 301, 311)]);

        var m = mot.Compute();
        Assert.Equal((5L, 1L, 1L), (m.IdTruePositives, m.IdFalsePositives, m.IdFalseNegatives));
        Assert.Equal(10.0 / 12.0, m.Idf1, 10);
        Assert.Equal(1, m.IdSwitches);
        Assert.Equal(1.0 - (1.0 / 6.0), m.Mota, 10);
        Assert.Equal(50.0, m.IdSwitchesPer100Tracks, 10);
    }

    [Fact]
    public void False_positives_and_misses_enter_mota()
    {
        // 2 GT boxes, 1 matched, 1 missed, 2 false positives: MOTA = 1 − (1 + 2) / 2 = −0.5.
        var mot = new MotAccumulator();
        mot.AddFrame([Truth(1, 0, 10), Truth(2, 100, 110)], [Track(10, 0, 10), Track(11, 300, 310), Track(12, 400, 410)]);

        var m = mot.Compute();
        Assert.Equal((1L, 2L), (m.Misses, m.FalsePositives));
        Assert.Equal(-0.5, m.Mota, 10);
        Assert.Equal(1.0 / 3.0, m.Precision, 10);
        Assert.Equal(0.5, m.Recall, 10);
    }
}
