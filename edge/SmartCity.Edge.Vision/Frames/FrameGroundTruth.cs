namespace SmartCity.Edge.Vision.Frames;

/// <summary>
/// Ground truth attached to a synthetic frame. The generator reuses one instance per pooled frame slot, so
/// a consumer that keeps ground truth beyond the frame's life copies the objects out.
/// </summary>
public sealed class FrameGroundTruth
{
    private GroundTruthObject[] _objects;

    /// <summary>Creates an empty ground truth with room for <paramref name="capacity"/> objects.</summary>
    public FrameGroundTruth(int capacity = 64) => _objects = new GroundTruthObject[Math.Max(1, capacity)];

    /// <summary>Number of objects in the frame.</summary>
    public int Count { get; private set; }

    /// <summary>The objects in the frame.</summary>
    public ReadOnlySpan<GroundTruthObject> Objects => _objects.AsSpan(0, Count);

    /// <summary>Signal phase name at the time of the frame, for example "NS-green", or null for a road without signals.</summary>
    public string? SignalPhase { get; set; }

    /// <summary>Removes all objects.</summary>
    public void Clear()
    {
        Count = 0;
        SignalPhase = null;
    }

    /// <summary>Adds an object, growing the storage when needed (only until the scene's peak is reached).</summary>
    public void Add(in GroundTruthObject item)
    {
        if (Count == _objects.Length)
        {
            Array.Resize(ref _objects, _objects.Length * 2);
        }

        _objects[Count++] = item;
    }
}
