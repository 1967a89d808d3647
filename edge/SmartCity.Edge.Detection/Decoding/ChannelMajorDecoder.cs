namespace SmartCity.Edge.Detection;

/// <summary>
/// Decodes YOLOv8 / YOLO11 outputs, [1, 4 + classes, N] channel-major: cx, cy, w, h (input pixels) then one
/// score per class, no objectness. The best class per anchor is found plane by plane, which reads the
/// output sequentially instead of striding N floats per value.
/// </summary>
internal sealed class ChannelMajorDecoder : OutputDecoder
{
    private readonly int _anchors;
    private readonly int _classes;
    private readonly float[] _bestScore;
    private readonly int[] _bestClass;

    public ChannelMajorDecoder(int anchors, int classes)
    {
        _anchors = anchors;
        _classes = classes;
        _bestScore = new float[anchors];
        _bestClass = new int[anchors];
    }

    public override void Decode(ReadOnlySpan<float> output, ClassFilter filter, DetectionList candidates)
    {
        int n = _anchors;
        if (output.Length < (4 + _classes) * n)
        {
            throw new ArgumentException($"Output of {output.Length} values is shorter than {4 + _classes}x{n}.", nameof(output));
        }

        var bestScore = _bestScore.AsSpan(0, n);
        var bestClass = _bestClass.AsSpan(0, n);
        bestScore.Fill(float.NegativeInfinity);
        bestClass.Fill(-1);
        foreach (int id in filter.Enabled)
        {
            var plane = output.Slice((4 + id) * n, n);
            for (int i = 0; i < plane.Length; i++)
            {
                if (plane[i] > bestScore[i])
                {
                    bestScore[i] = plane[i];
                    bestClass[i] = id;
                }
            }
        }

        var cx = output.Slice(0, n);
        var cy = output.Slice(n, n);
        var w = output.Slice(2 * n, n);
        var h = output.Slice(3 * n, n);
        for (int i = 0; i < n; i++)
        {
            int id = bestClass[i];
            if (id >= 0 && bestScore[i] >= filter.Thresholds[id] && w[i] > 0 && h[i] > 0)
            {
                candidates.Add(new DetectedObject(FromCentre(cx[i], cy[i], w[i], h[i]), bestScore[i], id, filter.TrafficOf[id]));
            }
        }
    }
}
