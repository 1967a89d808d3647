using System.Numerics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Geometry;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class SpeedAndQueueTests
{
    [Theory]
    [InlineData(30.0)]
    [InlineData(50.0)]
    [InlineData(90.0)]
    public void Speed_of_a_track_at_a_known_ground_speed_is_within_3_percent_on_a_perspective_view(double kmh)
    {
        // Ground: a road along y (north) at x = 0; camera: a tilted view given by four surveyed points.
        Vector2[] image = [new(200, 150), new(440, 150), new(600, 470), new(40, 470)];
        Vector2[] ground = [new(-4, 60), new(4, 60), new(4, 5), new(-4, 5)];
        Assert.True(HomographySolver.TrySolve(ground, image, out GroundCalibration? toImage, out _));
        var engine = NewEngine(Options(o =>
        {
            o.Calibration = new CalibrationOptions { ImagePoints = [.. image.Select(p => new[] { p.X, p.Y })], GroundPoints = [.. ground.Select(p => new[] { p.X, p.Y })] };
            o.Lines = [new CountingLineOptions { Name = "mid", Start = [100, 220], End = [540, 220], In = [0, -1] }];
        }));

        // Drive north at the given speed from 8 m to 55 m, sampled at 10 fps.
        double metresPerSecond = kmh / 3.6;
        double t = 0;
        for (double y = 8; y < 55; y += metresPerSecond * 0.1, t += 0.1)
        {
            Assert.True(toImage!.ImageToGround.TryMap(0, (float)y, out Vector2 p));
            engine.Frame(t, Track(1, p.X, p.Y));
        }

        var events = new CrossingEvent[4];
        Assert.Equal(1, engine.TakeCrossingEvents(events));
        Assert.InRange(events[0].SpeedKmh, kmh * 0.97, kmh * 1.03);

        engine.Flush(At(60));
        SpeedSummary line = Assert.Single(Assert.Single(engine.TakeAll()).Speeds!, s => s.Site == SpeedSite.Line);
        Assert.Equal(1, line.Samples);
        Assert.InRange(line.MeanKmh!.Value, kmh * 0.97, kmh * 1.03);
        Assert.InRange(line.P85Kmh!.Value, kmh * 0.97, kmh * 1.03);
    }

    [Fact]
    public void No_speed_is_reported_before_enough_positions()
    {
        var engine = NewEngine(Options(o =>
        {
            o.Calibration = TopDownCalibration();
            o.Lines = [HorizontalLine()];
            o.Thresholds.MinSpeedSamples = 6;
        }));

        // Born just outside the hysteresis band; counted on its second position.
        engine.Drive(1, 0, 300, 234, 300, 260, 2);
        var events = new CrossingEvent[2];
        Assert.Equal(1, engine.TakeCrossingEvents(events));
        Assert.True(float.IsNaN(events[0].SpeedKmh));
    }

    [Fact]
    public void Percentile_85_is_linear_between_ranks()
    {
        float[] sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        Assert.Equal(86.5, SmartCity.Edge.Analytics.Engine.IntervalAccumulator.Percentile(sorted, 0.85), 6);
    }

    [Fact]
    public void Queue_of_stopped_vehicles_counts_them_and_measures_to_the_farthest_rear()
    {
        // Top-down, 20 px per metre. Stop line across y = 100; vehicles queue below it driving up the image,
        // so the bottom of a box is the vehicle's rear.
        var engine = NewEngine(Options(o =>
        {
            o.Calibration = TopDownCalibration();
            o.Approaches =
            [
                new ApproachOptions
                {
                    Name = "south", Side = Approach.South,
                    EntryZone = MovementTests.Rect(200, 100, 300, 470), ExitZone = MovementTests.Rect(300, 100, 400, 470),
                    StopLine = new StopLineOptions { Start = [200, 100], End = [300, 100] },
                },
            ];
        }));

        // Three cars standing at 1 m gaps (rears at 5.5, 11 and 16.5 m) and one driving past in the zone.
        const int n = 3;
        double t = 0;
        for (int k = 0; k < 20; k++, t += 0.1)
        {
            var tracks = new List<Tracking.TrackedObject>();
            for (int i = 0; i < n; i++)
            {
                float rear = 100 + (20 * 5.5f * (i + 1));
                tracks.Add(Track(i + 1, 250 + ((k % 2) * 0.5f), rear, TrafficClass.Car, w: 36, h: 90));
            }

            tracks.Add(Track(9, 280, 460 - (28 * k), TrafficClass.Car, w: 36, h: 90));   // 50 km/h
            engine.Update(tracks.ToArray(), [], At(t));
        }

        engine.Flush(At(60));
        QueueSummary q = Assert.Single(Assert.Single(engine.TakeAll()).Queues!);
        Assert.Equal(n, q.MaxVehicles);
        Assert.Equal(16.5, q.MaxMetres, 1);
        Assert.InRange(q.MeanMetres, 0.1, 16.5);
    }

    [Fact]
    public void Towards_the_camera_the_box_bottom_is_the_front_and_a_vehicle_length_is_added()
    {
        // Stop line across y = 400; the queue stretches up the image, vehicles drive down towards the camera.
        var engine = NewEngine(Options(o =>
        {
            o.Calibration = TopDownCalibration();
            o.Approaches =
            [
                new ApproachOptions
                {
                    Name = "north", Side = Approach.North,
                    EntryZone = MovementTests.Rect(200, 10, 300, 400), ExitZone = MovementTests.Rect(300, 10, 400, 400),
                    StopLine = new StopLineOptions { Start = [200, 400], End = [300, 400] },
                },
            ];
        }));

        for (int k = 0; k < 10; k++)
        {
            engine.Frame(k * 0.1, Track(1, 250, 380, TrafficClass.Bus, w: 40, h: 200));   // front 1 m behind the line
        }

        engine.Flush(At(60));
        QueueSummary q = Assert.Single(Assert.Single(engine.TakeAll()).Queues!);
        Assert.Equal(1, q.MaxVehicles);
        Assert.Equal(1 + 12, q.MaxMetres, 1);
    }
}
