using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

/// <summary>Exact comparison of detections (order-independent) with a small float tolerance.</summary>
internal static class DetectionAssert
{
    public static void Equal(IEnumerable<DetectedObject> expected, DetectionList actual, float tolerance = 1e-3f)
    {
        var want = expected.OrderBy(d => d.ClassId).ThenByDescending(d => d.Score).ToList();
        var got = actual.AsSpan().ToArray().OrderBy(d => d.ClassId).ThenByDescending(d => d.Score).ToList();
        Assert.True(want.Count == got.Count,
            $"expected {want.Count} detections, got {got.Count}:\n{string.Join("\n", got)}");
        for (int i = 0; i < want.Count; i++)
        {
            var w = want[i];
            var g = got[i];
            Assert.Equal(w.ClassId, g.ClassId);
            Assert.Equal(w.TrafficClass, g.TrafficClass);
            Assert.Equal(w.Score, g.Score, tolerance);
            Assert.Equal(w.Box.X1, g.Box.X1, tolerance);
            Assert.Equal(w.Box.Y1, g.Box.Y1, tolerance);
            Assert.Equal(w.Box.X2, g.Box.X2, tolerance);
            Assert.Equal(w.Box.Y2, g.Box.Y2, tolerance);
        }
    }

    public static DetectedObject Person(float score, float x1, float y1, float x2, float y2) =>
        new(new BoxF(x1, y1, x2, y2), score, 0, TrafficClass.Pedestrian);

    public static DetectedObject Car(float score, float x1, float y1, float x2, float y2) =>
        new(new BoxF(x1, y1, x2, y2), score, 1, TrafficClass.Car);

    public static DetectedObject Bus(float score, float x1, float y1, float x2, float y2) =>
        new(new BoxF(x1, y1, x2, y2), score, 2, TrafficClass.Bus);

    public static DetectedObject Dog(float score, float x1, float y1, float x2, float y2) =>
        new(new BoxF(x1, y1, x2, y2), score, 3, TrafficClass.Other);
}
