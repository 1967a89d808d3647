using System.Runtime.CompilerServices;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>
/// Sum of detection votes per <see cref="TrafficClass"/>, stored inline in a track (no allocation). A detection votes
/// with its score times its box height in pixels: the detector tells a motorcycle from a bicycle better at 60 px than
/// at 12, and a vehicle spends many of its frames small in the distance.
/// </summary>
[InlineArray(TrafficClasses.Count)]
internal struct ClassVotes
{
    private float _element0;

    /// <summary>Adds a detection's vote (score × box height, the height at least 1 px) and returns the leading class; ties keep <paramref name="current"/>.</summary>
    public TrafficClass Add(in DetectedObject detection, TrafficClass current) =>
        Add(detection.TrafficClass, detection.Score * MathF.Max(1f, detection.Box.Height), current);

    private TrafficClass Add(TrafficClass cls, float weight, TrafficClass current)
    {
        int c = (int)cls;
        if ((uint)c < TrafficClasses.Count)
        {
            this[c] += weight;
        }

        TrafficClass best = current;
        float bestSum = (uint)current < TrafficClasses.Count ? this[(int)current] : float.NegativeInfinity;
        for (int i = 0; i < TrafficClasses.Count; i++)
        {
            if (this[i] > bestSum)
            {
                bestSum = this[i];
                best = (TrafficClass)i;
            }
        }

        return best;
    }
}
