using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Which model classes are reported and from what score: the model's thresholds with the options' overrides
/// applied, resolved once at load into arrays indexed by class id for the decoders' inner loops.
/// </summary>
internal sealed class ClassFilter
{
    public ClassFilter(ModelManifest manifest, DetectorOptions options)
    {
        int count = manifest.ClassNames.Count;
        Thresholds = new float[count];
        TrafficOf = new TrafficClass[count];
        var enabled = new List<int>(count);
        float fallback = options.ScoreThreshold ?? manifest.ScoreThreshold;
        MinThreshold = float.PositiveInfinity;
        for (int id = 0; id < count; id++)
        {
            string name = manifest.ClassNames[id];
            TrafficOf[id] = manifest.TrafficClassOf[id];
            float threshold = options.ClassThresholds.TryGetValue(name, out float o) ? o
                : options.ScoreThreshold is null && manifest.ClassThresholds.TryGetValue(name, out float m) ? m
                : fallback;
            if (TrafficOf[id] == TrafficClass.Other && !options.KeepUnmappedClasses)
            {
                threshold = float.PositiveInfinity;
            }
            else
            {
                enabled.Add(id);
                MinThreshold = MathF.Min(MinThreshold, threshold);
            }

            Thresholds[id] = threshold;
        }

        foreach (var name in options.ClassThresholds.Keys)
        {
            bool known = false;
            for (int id = 0; id < count && !known; id++)
            {
                known = string.Equals(manifest.ClassNames[id], name, StringComparison.Ordinal);
            }

            if (!known)
            {
                throw new ArgumentException(
                    $"ClassThresholds:{name} names a class model '{manifest.Name}' does not have.", $"ClassThresholds:{name}");
            }
        }

        Enabled = [.. enabled];
    }

    /// <summary>Score threshold per class id; +∞ for classes not reported.</summary>
    public float[] Thresholds { get; }

    /// <summary>Ids of the classes reported, ascending.</summary>
    public int[] Enabled { get; }

    /// <summary>The lowest threshold of any reported class: rows whose objectness is below it are skipped whole.</summary>
    public float MinThreshold { get; }

    /// <summary>Traffic class per class id.</summary>
    public TrafficClass[] TrafficOf { get; }
}
