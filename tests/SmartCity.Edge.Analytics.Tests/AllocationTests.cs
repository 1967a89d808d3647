using System.Diagnostics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using Xunit.Abstractions;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class AllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Fifty_tracks_per_frame_allocate_nothing_in_steady_state()
    {
        var driver = new BusyScene(50);
        CameraAnalytics engine = driver.Engine;
        for (int f = 0; f < 600; f++)
        {
            driver.Step();
        }

        const int frames = 3000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int f = 0; f < frames; f++)
        {
            driver.Step();
        }

        long end = Stopwatch.GetTimestamp();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        double msPerFrame = Stopwatch.GetElapsedTime(start, end).TotalMilliseconds / frames;
        output.WriteLine($"{allocated} bytes over {frames} frames; {msPerFrame:0.0000} ms per frame at 50 tracks; {engine.LiveTracks} live");
        Assert.Equal(0, allocated);
        Assert.True(driver.Removals > 100, "tracks must come and go so slots are recycled");
        Assert.True(engine.LiveLineCount(0, CrossingDirection.In, TrafficClass.Car) > 0);
    }

    /// <summary>
    /// Fifty cars driving down the image through a line, zones, approaches and a queue zone; each leaves after
    /// a while and a new id takes its place, as a tracker would report.
    /// </summary>
    internal sealed class BusyScene
    {
        private readonly TrackedObject[] _tracks;
        private readonly int[] _removed;
        private readonly int[] _age;
        private int _removedCount;
        private int _nextId;
        private long _frame;

        public BusyScene(int count)
        {
            Engine = CameraAnalytics.Create(Options(o =>
            {
                o.Interval = TimeSpan.FromHours(1);
                o.Calibration = TopDownCalibration();
                o.Lines = [HorizontalLine("a"), new CountingLineOptions { Name = "b", Start = [20, 100], End = [620, 100], In = [0, 1] }];
                o.Zones =
                [
                    new ZoneOptions { Name = "z1", Polygon = MovementTests.Rect(100, 150, 540, 300), DetectorChannel = 1 },
                    new ZoneOptions { Name = "z2", Polygon = MovementTests.Rect(0, 300, 640, 470), DetectorChannel = 2 },
                ];
                o.Approaches = MovementTests.FourArms();
                o.Approaches[0].StopLine = new StopLineOptions { Start = [280, 160], End = [320, 160] };
                o.Approaches[0].QueueZone = MovementTests.Rect(280, 0, 320, 160);
            }), Device, Width, Height);
            _tracks = new TrackedObject[count];
            _removed = new int[count];
            _age = new int[count];
            for (int i = 0; i < count; i++)
            {
                _tracks[i] = Spawn(i, -(i * 7));
            }
        }

        public CameraAnalytics Engine { get; }

        public long Removals { get; private set; }

        public void Step()
        {
            _removedCount = 0;
            for (int i = 0; i < _tracks.Length; i++)
            {
                if (++_age[i] > 60)
                {
                    _removed[_removedCount++] = _tracks[i].TrackId;
                    _tracks[i] = Spawn(i, 0);
                    Removals++;
                    continue;
                }

                // Every fifth car stands still in the north queue zone; the others drive down at 8 px per frame.
                float x = 40 + (i * 11 % 560), y = (i % 5 == 0) ? 120 : 20 + (_age[i] * 8);
                _tracks[i] = _tracks[i] with { Box = BoxAt(i % 5 == 0 ? 300 + ((_frame & 1) * 0.3f) : x, y) };
            }

            Engine.Update(_tracks, _removed.AsSpan(0, _removedCount), At(_frame * 0.1));
            _frame++;
        }

        private TrackedObject Spawn(int slot, int age)
        {
            _age[slot] = age;
            return Track(++_nextId, 40 + (slot * 11 % 560), 20);
        }
    }
}
