namespace SmartCity.Edge.Detection;

/// <summary>What a model is for, what it was trained on, how well it does and where it fails.</summary>
public sealed class ModelCard
{
    internal ModelCard(string intendedUse, string trainingData, IReadOnlyDictionary<string, double> metrics, string limits)
    {
        IntendedUse = intendedUse;
        TrainingData = trainingData;
        Metrics = metrics;
        Limits = limits;
    }

    /// <summary>Intended use.</summary>
    public string IntendedUse { get; }

    /// <summary>Training data and its licence.</summary>
    public string TrainingData { get; }

    /// <summary>Named metrics, for example "mAP50-95(COCO val2017)": 25.8.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Known limits and failure modes.</summary>
    public string Limits { get; }
}
