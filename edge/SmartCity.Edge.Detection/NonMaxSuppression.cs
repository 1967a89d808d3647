namespace SmartCity.Edge.Detection;

/// <summary>
/// Class-aware greedy non-maximum suppression: within each class, a box is dropped when it overlaps an
/// already kept, higher-scored box by more than the IoU threshold. Candidates are ordered by one sort of
/// packed (class, score, index) keys, O(n log n); each box is then compared only with the kept boxes of its
/// own class. Scratch storage grows to the largest candidate count seen and is reused, so a steady stream
/// allocates nothing. There is no cap on the number kept. Optionally (<see cref="SuppressedScore"/>) boxes that were
/// suppressed but overlap the kept box only partly are kept too, at a low score, for a tracker's second association.
/// </summary>
public sealed class NonMaxSuppression
{
    /// <summary>Default of <see cref="SuppressedMaxIou"/>.</summary>
    public const float DefaultSuppressedMaxIou = 0.7f;

    private UInt128[] _keys = new UInt128[256];
    private readonly DetectionList _suppressed = new(32);
    private readonly float? _suppressedScore;
    private readonly float _suppressedMaxIou = DefaultSuppressedMaxIou;

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
    /// Null (the default): suppressed boxes are dropped. Otherwise a suppressed box whose IoU with every kept box of its
    /// class group is at most <see cref="SuppressedMaxIou"/>, and with every box already kept this way at most
    /// <see cref="IouThreshold"/>, is kept too, its score lowered to this value if higher. ByteTrack (Zhang et al., ECCV
    /// 2022) associates low-score boxes only with tracks that already exist, so a tracker that sets this below its
    /// high-score threshold lets them extend tracks but never start one. In a queue, two vehicles that overlap
    /// get two candidate boxes pulled towards each other (IoU 0.6–0.7 where the vehicles' own boxes overlap by 0.35);
    /// NMS at 0.5 keeps one, which one changes from frame to frame, and the hidden vehicle's track loses its box.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not within 0–1.</exception>
    public float? SuppressedScore
    {
        get => _suppressedScore;
        init => _suppressedScore = value is null or (>= 0 and <= 1) ? value : throw new ArgumentOutOfRangeException(nameof(SuppressedScore), value, "The score of kept suppressed boxes must be between 0 and 1.");
    }

    /// <summary>See <see cref="SuppressedScore"/>: above this IoU with the kept box a suppressed box is the same object (default 0.7).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not within 0–1.</exception>
    public float SuppressedMaxIou
    {
        get => _suppressedMaxIou;
        init => _suppressedMaxIou = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SuppressedMaxIou), value, "The IoU limit of kept suppressed boxes must be between 0 and 1.");
    }

    /// <summary>
    /// Appends the surviving candidates to <paramref name="kept"/>, grouped by class id ascending and by
    /// score descending within a class (ties: lower candidate index first); then, with <see cref="SuppressedScore"/>
    /// set, the suppressed boxes kept at that score, in the same order.
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
        _suppressed.Clear();
        foreach (var key in keys)
        {
            ref readonly var candidate = ref candidates[(int)(uint)key];
            int group = ClassAgnostic ? 0 : candidate.ClassId;
            if (group != runClass)
            {
                runClass = group;
                runStart = kept.Count;
            }

            ReadOnlySpan<DetectedObject> sameGroup = kept.AsSpan()[runStart..];
            if (_suppressedScore is not { } low)
            {
                if (!OverlapsKept(candidate, sameGroup))
                {
                    kept.Add(candidate);
                }

                continue;
            }

            float overlap = MaxIoU(candidate, sameGroup);
            if (overlap <= IouThreshold)
            {
                kept.Add(candidate);
            }
            else if (overlap <= _suppressedMaxIou && !OverlapsKept(candidate, _suppressed.AsSpan()))
            {
                _suppressed.Add(candidate with { Score = MathF.Min(candidate.Score, low) });
            }
        }

        foreach (ref readonly var d in _suppressed.AsSpan())
        {
            kept.Add(d);
        }
    }

    private static float MaxIoU(in DetectedObject candidate, ReadOnlySpan<DetectedObject> boxes)
    {
        float most = 0;
        foreach (ref readonly var k in boxes)
        {
            // A NaN IoU (non-finite box) counts as no overlap, as in OverlapsKept.
            float iou = k.Box.IoU(candidate.Box);
            if (iou > most)
            {
                most = iou;
            }
        }

        return most;
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
