using System.Runtime.CompilerServices;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>Sum of detection scores per <see cref="TrafficClass"/>, stored inline in a track (no allocation).</summary>
[InlineArray(TrafficClasses.Count)]
internal struct ClassVotes
{
    private float _element0;

    /// <summary>Adds a detection's score to its class and returns the class with the largest sum; ties keep <paramref name="current"/>.</summary>
    public TrafficClass Add(TrafficClass cls, float score, TrafficClass current)
    {
        int c = (int)cls;
        if ((uint)c < TrafficClasses.Count)
        {
            this[c] += score;
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
