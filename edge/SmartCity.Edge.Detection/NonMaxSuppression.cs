namespace SmartCity.Edge.Detection;

/// <summary>
/// Class-aware greedy non-maximum suppression: within each class, a box is dropped when it overlaps an
/// already kept, higher-scored box by more than the IoU threshold. Candidates are ordered by one sort of
/// packed (class, score, index) keys, O(n log n); each box is then compared only with the kept boxes of its
/// own class. Scratch storage grows to the largest candidate count seen and is reused, so a steady stream
/// allocates nothing. There is no cap on the number kept.
/// </summary>
public sealed class NonMaxSuppression
{
    private UInt128[] _keys = new UInt128[256];

    /// <summary>Creates the suppressor.</summary>
    /// <param name="iouThreshold">IoU above which the lower-scored of two same-class boxes is dropped, 0–1.</param>
    public NonMaxSuppression(float iouThreshold, bool classAgnostic = false)
    {
        ClassAgnostic = classAgnostic;
        if (!(iouThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "The IoU threshold must be between 0 and 1.");
        }

        IouThreshold = iouThreshold;
    }

    /// <summary>IoU above which a box is suppressed.</summary>
    public float IouThreshold { get; }

    /// <summary>
    /// When true, boxes of different classes suppress each other too: one object the model scores as both car
    /// and truck comes out once, with its best class. What a tracker wants; per-class NMS is the default.
    /// </summary>
    public bool ClassAgnostic { get; }

    /// <summary>
    /// Appends the surviving candidates to <paramref name="kept"/>, grouped by class id ascending and by
    /// score descending within a class (ties: lower candidate index first).
    /// </summary>
    public void Apply(ReadOnlySpan<DetectedObject> candidates, DetectionList kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (candidates.Length > _keys.Length)
        {
            _keys = new UInt128[Math.Max(candidates.Length, _keys.Length * 2)];
        }

        var keys = _keys.AsSpan(0, candidates.Length);
        for (int i = 0; i < candidates.Length; i++)
        {
            // Class in the top bits, then the score mapped so that a higher score sorts first, then the index:
            // one ascending sort gives the processing order and makes ties deterministic.
            ref readonly var c = ref candidates[i];
            uint group = ClassAgnostic ? 0u : (uint)c.ClassId;
            keys[i] = ((UInt128)group << 64) | ((UInt128)DescendingKey(c.Score) << 32) | (uint)i;
        }

        keys.Sort();

        int runStart = kept.Count;
        int runClass = int.MinValue;
        foreach (var key in keys)
        {
            ref readonly var candidate = ref candidates[(int)(uint)key];
            int group = ClassAgnostic ? 0 : candidate.ClassId;
            if (group != runClass)
            {
                runClass = group;
                runStart = kept.Count;
            }

            if (!OverlapsKept(candidate, kept.AsSpan()[runStart..]))
            {
                kept.Add(candidate);
            }
        }
    }

    private bool OverlapsKept(in DetectedObject candidate, ReadOnlySpan<DetectedObject> sameClass)
    {
        foreach (ref readonly var k in sameClass)
        {
            if (k.Box.IoU(candidate.Box) > IouThreshold)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Maps a float to a uint whose ascending order is the float's descending order.</summary>
    private static uint DescendingKey(float score)
    {
        uint bits = BitConverter.SingleToUInt32Bits(score);
        uint ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ~ascending;
    }
}
