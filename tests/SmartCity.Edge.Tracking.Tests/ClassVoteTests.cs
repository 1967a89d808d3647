using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>A track's class is the one with the most detection score × box height: near views outvote far ones.</summary>
public class ClassVoteTests
{
    [Fact]
    public void An_approaching_vehicle_takes_the_class_of_its_close_up_detections()
    {
        // Growing from 12 to 60 px tall over 11 frames: called a motorcycle while small (6 frames, 144 px of height
        // in all), a car close up (5 frames, 252 px). By count of frames the motorcycle would win.
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1 });
        for (int k = 0; k <= 10; k++)
        {
            float h = 12 + (4.8f * k);
            TrafficClass cls = k < 6 ? TrafficClass.Motorcycle : TrafficClass.Car;
            tracker.Update([Det(300, 100 + (3 * k), h * 1.2f, h, 0.8f, cls)], Frame(k));
            // The car votes overtake at frame 9: 40.8 + 45.6 + 50.4 + 55.2 = 192 px against 144.
            Assert.Equal(k < 9 ? TrafficClass.Motorcycle : TrafficClass.Car, Single(tracker).Class);
            Assert.Equal(cls, Single(tracker).DetectedClass);
        }

        Assert.Equal(1, tracker.TracksCreated);
    }
}
