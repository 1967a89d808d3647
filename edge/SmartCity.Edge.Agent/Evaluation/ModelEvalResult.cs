using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>One model's evaluation: overall, per scenario, and its mean detect latency.</summary>
internal sealed class ModelEvalResult
{
    private double _totalMs;
    private int _frames;

    public ModelEvalResult(ModelManifest manifest) => Manifest = manifest;

    public ModelManifest Manifest { get; }

    public DetectionEvaluator All { get; } = new();

    /// <summary>
    /// The same frames scored only on objects at least <see cref="NearFieldMinHeight"/> px tall (smaller ones are
    /// "don't care"), in the spirit of KITTI's minimum-height rule: the counting lines and zones sit in this part
    /// of the picture.
    /// </summary>
    public DetectionEvaluator NearField { get; } = new(minBoxHeight: NearFieldMinHeight);

    /// <summary>Minimum ground-truth box height for <see cref="NearField"/>, in source pixels.</summary>
    public const float NearFieldMinHeight = 16f;

    public Dictionary<string, DetectionEvaluator> PerScenario { get; } = new(StringComparer.Ordinal);

    public double MeanMs => _frames == 0 ? 0 : _totalMs / _frames;

    public void Add(string scenario, ReadOnlySpan<SmartCity.Edge.Detection.DetectedObject> detections, ReadOnlySpan<GroundTruthObject> truth, double ms)
    {
        All.Add(detections, truth);
        NearField.Add(detections, truth);
        if (!PerScenario.TryGetValue(scenario, out var evaluator))
        {
            evaluator = new DetectionEvaluator();
            PerScenario[scenario] = evaluator;
        }

        evaluator.Add(detections, truth);
        _totalMs += ms;
        _frames++;
    }

    /// <summary>Vehicles (car, bus, truck, motorcycle) at the model's own score thresholds.</summary>
    public OperatingPoint VehiclePoint() => VehiclePoint(All);

    /// <summary>Vehicles at the model's own thresholds, scored by <paramref name="evaluator"/>.</summary>
    public OperatingPoint VehiclePoint(DetectionEvaluator evaluator) =>
        evaluator.At(ThresholdFor, TrafficClass.Car, TrafficClass.Bus, TrafficClass.Truck, TrafficClass.Motorcycle);

    private float ThresholdFor(TrafficClass cls)
    {
        // The model's threshold for the model class mapped to this traffic class (per-class override first).
        for (int i = 0; i < Manifest.ClassNames.Count; i++)
        {
            if (Manifest.TrafficClassOf[i] == cls && Manifest.ClassThresholds.TryGetValue(Manifest.ClassNames[i], out float t))
            {
                return t;
            }
        }

        return Manifest.ScoreThreshold;
    }
}
