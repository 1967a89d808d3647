using Xunit;
using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Vision.Frames;
using Det = SmartCity.Edge.Detection.DetectedObject;

namespace SmartCity.Edge.Agent.Tests;

public class DetectionEvaluatorTests
{
    private static GroundTruthObject Truth(int id, TrafficClass cls, float x, float y, float visibility = 1f) =>
        new(id, cls, new BoxF(x, y, x + 40, y + 20), Approach.North, Approach.South, visibility);

    private static Det Hit(TrafficClass cls, float x, float y, float score) =>
        new(new BoxF(x, y, x + 40, y + 20), score, 0, cls);

    [Fact]
    public void Perfect_detections_give_ap_one_and_full_precision_and_recall()
    {
        var evaluator = new DetectionEvaluator();
        evaluator.Add([Hit(TrafficClass.Car, 10, 10, 0.9f), Hit(TrafficClass.Bus, 100, 10, 0.8f)], [Truth(1, TrafficClass.Car, 10, 10), Truth(2, TrafficClass.Bus, 100, 10)]);

        Assert.Equal(1.0, evaluator.AveragePrecision(TrafficClass.Car));
        Assert.Equal(1.0, evaluator.AveragePrecision(TrafficClass.Bus));
        Assert.Null(evaluator.AveragePrecision(TrafficClass.Truck));
        var point = evaluator.At(_ => 0.5f, TrafficClass.Car, TrafficClass.Bus);
        Assert.Equal(new OperatingPoint(2, 0, 0), point);
    }

    [Fact]
    public void Average_precision_follows_the_precision_envelope()
    {
        // Ranked: TP (0.9), FP (0.8), TP (0.7); 3 positives. Recall steps 1/3 at P=1, 2/3 at P=2/3 → AP = 1/3 + 2/9.
        var evaluator = new DetectionEvaluator();
        evaluator.Add(
            [Hit(TrafficClass.Car, 0, 0, 0.9f), Hit(TrafficClass.Car, 300, 300, 0.8f), Hit(TrafficClass.Car, 100, 0, 0.7f)],
            [Truth(1, TrafficClass.Car, 0, 0), Truth(2, TrafficClass.Car, 100, 0), Truth(3, TrafficClass.Car, 200, 0)]);

        Assert.Equal((1.0 / 3) + (2.0 / 9), evaluator.AveragePrecision(TrafficClass.Car)!.Value, 6);
        var point = evaluator.At(_ => 0.75f, TrafficClass.Car);
        Assert.Equal(new OperatingPoint(1, 1, 2), point);
    }

    [Fact]
    public void Wrong_class_is_a_false_positive_and_a_miss()
    {
        var evaluator = new DetectionEvaluator();
        evaluator.Add([Hit(TrafficClass.Truck, 10, 10, 0.9f)], [Truth(1, TrafficClass.Car, 10, 10)]);
        Assert.Equal(0.0, evaluator.AveragePrecision(TrafficClass.Car));
        Assert.Equal(new OperatingPoint(0, 1, 1), evaluator.At(_ => 0.1f, TrafficClass.Car, TrafficClass.Truck));
    }

    [Fact]
    public void Mostly_hidden_objects_are_neither_hits_nor_misses()
    {
        var evaluator = new DetectionEvaluator(minVisibility: 0.3f);
        evaluator.Add([Hit(TrafficClass.Car, 10, 10, 0.9f)], [Truth(1, TrafficClass.Car, 10, 10, visibility: 0.1f), Truth(2, TrafficClass.Car, 200, 10, visibility: 0.05f)]);
        Assert.Equal(0, evaluator.Positives(TrafficClass.Car));
        Assert.Equal(new OperatingPoint(0, 0, 0), evaluator.At(_ => 0.1f, TrafficClass.Car));
    }

    [Fact]
    public void Duplicate_detections_of_one_object_count_once()
    {
        var evaluator = new DetectionEvaluator();
        evaluator.Add([Hit(TrafficClass.Car, 10, 10, 0.9f), Hit(TrafficClass.Car, 11, 10, 0.85f)], [Truth(1, TrafficClass.Car, 10, 10)]);
        Assert.Equal(new OperatingPoint(1, 1, 0), evaluator.At(_ => 0.5f, TrafficClass.Car));
    }
}
