namespace SmartCity.Edge.Detection;

/// <summary>
/// A reusable, growable list of detections. It grows to the densest frame seen and then stays that size,
/// so steady-state detection allocates nothing; there is deliberately no cap on the count (dense traffic).
/// </summary>
public sealed class DetectionList
{
    private DetectedObject[] _items;

    /// <summary>Creates an empty list with room for <paramref name="capacity"/> detections.</summary>
    public DetectionList(int capacity = 64) => _items = new DetectedObject[Math.Max(1, capacity)];

    /// <summary>Number of detections.</summary>
    public int Count { get; private set; }

    /// <summary>Room before the list has to grow.</summary>
    public int Capacity => _items.Length;

    /// <summary>The detection at an index.</summary>
    public ref readonly DetectedObject this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _items[index];
        }
    }

    /// <summary>The detections.</summary>
    public ReadOnlySpan<DetectedObject> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Removes all detections, keeping the storage.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a detection, growing the storage when needed.</summary>
    public void Add(in DetectedObject detection)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = detection;
    }

    /// <summary>Writable view for in-place box transforms inside the detector.</summary>
    internal Span<DetectedObject> AsWritableSpan() => _items.AsSpan(0, Count);

    /// <summary>Keeps the first <paramref name="count"/> detections (after in-place compaction).</summary>
    internal void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)Count, nameof(count));
        Count = count;
    }
}
