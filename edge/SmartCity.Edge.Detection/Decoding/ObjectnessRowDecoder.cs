namespace SmartCity.Edge.Detection;

/// <summary>
/// Decodes row-major outputs with objectness, [1, N, 5 + classes]: YOLOv5 (boxes cx, cy, w, h in input
/// pixels) and YOLOX (grid-relative boxes decoded with the stride grid, or already decoded).
/// Score = objectness × best reported class score.
/// </summary>
internal sealed class ObjectnessRowDecoder : OutputDecoder
{
    private readonly int _rows;
    private readonly int _classes;
    private readonly YoloxGrid? _grid;

    public ObjectnessRowDecoder(int rows, int classes, YoloxGrid? grid)
    {
        _rows = rows;
        _classes = classes;
        _grid = grid;
    }

    public override void Decode(ReadOnlySpan<float> output, ClassFilter filter, DetectionList candidates)
    {
        int width = 5 + _classes;
        if (output.Length < _rows * width)
        {
            throw new ArgumentException($"Output of {output.Length} values is shorter than {_rows}x{width}.", nameof(output));
        }

        if (_grid is null)
        {
            for (int row = 0; row < _rows; row++)
            {
                var r = output.Slice(row * width, width);
                DecodeRow(r, r[0], r[1], r[2], r[3], filter, candidates);
            }

            return;
        }

        int index = 0;
        foreach (int s in _grid.Strides)
        {
            int gridWidth = _grid.Width / s;
            int gridHeight = _grid.Height / s;
            for (int gy = 0; gy < gridHeight; gy++)
            {
                for (int gx = 0; gx < gridWidth; gx++, index++)
                {
                    var r = output.Slice(index * width, width);
                    if (r[4] < filter.MinThreshold)
                    {
                        continue;
                    }

                    // exp only for rows that pass the objectness test: the bulk of the grid is background.
                    DecodeRow(r, (r[0] + gx) * s, (r[1] + gy) * s, MathF.Exp(r[2]) * s, MathF.Exp(r[3]) * s, filter, candidates);
                }
            }
        }
    }

    private static void DecodeRow(
        ReadOnlySpan<float> row, float cx, float cy, float w, float h, ClassFilter filter, DetectionList candidates)
    {
        float objectness = row[4];
        // Class scores are at most 1 (sigmoid), so a row whose objectness is below every threshold cannot pass.
        if (objectness < filter.MinThreshold)
        {
            return;
        }

        var scores = row[5..];
        int best = -1;
        float bestScore = float.NegativeInfinity;
        foreach (int id in filter.Enabled)
        {
            if (scores[id] > bestScore)
            {
                bestScore = scores[id];
                best = id;
            }
        }

        if (best < 0)
        {
            return;
        }

        float score = objectness * bestScore;
        if (score >= filter.Thresholds[best] && w > 0 && h > 0)
        {
            candidates.Add(new DetectedObject(FromCentre(cx, cy, w, h), score, best, filter.TrafficOf[best]));
        }
    }
}
