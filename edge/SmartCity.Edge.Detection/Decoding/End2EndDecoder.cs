using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Decodes end-to-end outputs (YOLOv10, YOLO11 with nms=True, YOLO26), [1, K, 6] rows x1, y1, x2, y2, score,
/// class in input pixels. The model already suppressed duplicates, so there is no NMS after this.
/// </summary>
internal sealed class End2EndDecoder : OutputDecoder
{
    private readonly int _rows;

    public End2EndDecoder(int rows) => _rows = rows;

    public override bool NeedsNms => false;

    public override void Decode(ReadOnlySpan<float> output, ClassFilter filter, DetectionList candidates)
    {
        if (output.Length < _rows * 6)
        {
            throw new ArgumentException($"Output of {output.Length} values is shorter than {_rows}x6.", nameof(output));
        }

        int classes = filter.Thresholds.Length;
        for (int row = 0; row < _rows; row++)
        {
            var r = output.Slice(row * 6, 6);
            float score = r[4];
            float classValue = r[5];
            // Padding rows are zeros; a class value outside the table means a malformed row, not a crash.
            if (!(score >= filter.MinThreshold) || !(classValue >= 0) || classValue >= classes)
            {
                continue;
            }

            int id = (int)classValue;
            if (score >= filter.Thresholds[id] && r[2] > r[0] && r[3] > r[1])
            {
                candidates.Add(new DetectedObject(new BoxF(r[0], r[1], r[2], r[3]), score, id, filter.TrafficOf[id]));
            }
        }
    }
}
