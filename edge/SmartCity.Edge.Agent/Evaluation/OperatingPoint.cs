namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Detection counts at one score threshold.</summary>
internal readonly record struct OperatingPoint(int TruePositives, int FalsePositives, int Misses)
{
    /// <summary>TP / (TP + FP); 1 when nothing was detected.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>TP / (TP + misses); 1 when there was nothing to find.</summary>
    public double Recall => TruePositives + Misses == 0 ? 1 : TruePositives / (double)(TruePositives + Misses);
}
