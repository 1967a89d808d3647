using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Scores a detector against ground truth the way detection benchmarks do: per class, detections sorted by
/// score are matched greedily to unmatched ground-truth boxes of the same class at IoU ≥ the threshold;
/// average precision is the area under the precision envelope (all-point interpolation, as in PASCAL VOC
/// 2010+). Ground-truth objects that are mostly hidden (visibility below <see cref="MinVisibility"/>) or
/// tiny are "don't care": a detection on them is neither a true nor a false positive, and missing them is no
/// miss. This is how MOT and KITTI treat heavily occluded objects.
/// </summary>
internal sealed class DetectionEvaluator
{
    private readonly List<ScoredMatch>[] _matches;
    private readonly int[] _positives = new int[TrafficClasses.Count];
    private readonly float _iouThreshold;
    private bool[] _gtUsed = new bool[64];

    public DetectionEvaluator(float iouThreshold = 0.5f, float minVisibility = 0.3f, float minBoxHeight = 6f)
    {
        _iouThreshold = iouThreshold;
        MinVisibility = minVisibility;
        MinBoxHeight = minBoxHeight;
        _matches = new List<ScoredMatch>[TrafficClasses.Count];
        for (int i = 0; i < _matches.Length; i++)
        {
            _matches[i] = [];
        }
    }

    /// <summary>Ground truth less visible than this is ignored.</summary>
    public float MinVisibility { get; }

    /// <summary>Ground truth lower than this many pixels is ignored.</summary>
    public float MinBoxHeight { get; }

    /// <summary>Number of frames added.</summary>
    public int Frames { get; private set; }

    /// <summary>Adds one frame's detections (any score) and ground truth.</summary>
    public void Add(ReadOnlySpan<SmartCity.Edge.Detection.DetectedObject> detections, ReadOnlySpan<GroundTruthObject> truth)
    {
        Frames++;
        if (_gtUsed.Length < truth.Length)
        {
            _gtUsed = new bool[truth.Length * 2];
        }

        foreach (var gt in truth)
        {
            if (Counts(gt))
            {
                _positives[(int)gt.Class]++;
            }
        }

        foreach (var cls in TrafficClasses.RoadUsers)
        {
            AddClass(cls, detections, truth);
        }
    }

    private bool Counts(in GroundTruthObject gt) => gt.Visibility >= MinVisibility && gt.Box.Height >= MinBoxHeight;

    private void AddClass(TrafficClass cls, ReadOnlySpan<SmartCity.Edge.Detection.DetectedObject> detections, ReadOnlySpan<GroundTruthObject> truth)
    {
        Array.Clear(_gtUsed, 0, truth.Length);

        // Greedy in score order, as the VOC/COCO matchers do.
        var order = new List<int>();
        for (int i = 0; i < detections.Length; i++)
        {
            if (detections[i].TrafficClass == cls)
            {
                order.Add(i);
            }
        }

        var dets = detections.ToArray();
        order.Sort((a, b) => dets[b].Score.CompareTo(dets[a].Score));
        foreach (int i in order)
        {
            ref readonly var d = ref dets[i];
            int best = -1;
            float bestIoU = _iouThreshold;
            for (int g = 0; g < truth.Length; g++)
            {
                if (truth[g].Class != cls || _gtUsed[g])
                {
                    continue;
                }

                float iou = d.Box.IoU(truth[g].Box);
                if (iou >= bestIoU)
                {
                    bestIoU = iou;
                    best = g;
                }
            }

            if (best < 0)
            {
                _matches[(int)cls].Add(new ScoredMatch(d.Score, MatchKind.FalsePositive));
                continue;
            }

            _gtUsed[best] = true;
            _matches[(int)cls].Add(new ScoredMatch(d.Score, Counts(truth[best]) ? MatchKind.TruePositive : MatchKind.Ignored));
        }
    }

    /// <summary>Average precision of one class, or null when the class has no ground truth.</summary>
    public double? AveragePrecision(TrafficClass cls)
    {
        int positives = _positives[(int)cls];
        if (positives == 0)
        {
            return null;
        }

        var matches = _matches[(int)cls].Where(m => m.Kind != MatchKind.Ignored).OrderByDescending(m => m.Score).ToArray();
        var precision = new double[matches.Length];
        var recall = new double[matches.Length];
        int tp = 0, fp = 0;
        for (int i = 0; i < matches.Length; i++)
        {
            if (matches[i].Kind == MatchKind.TruePositive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            precision[i] = tp / (double)(tp + fp);
            recall[i] = tp / (double)positives;
        }

        // Precision envelope from the right, then sum the area over recall steps.
        for (int i = precision.Length - 2; i >= 0; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }

        double ap = 0, lastRecall = 0;
        for (int i = 0; i < matches.Length; i++)
        {
            if (recall[i] > lastRecall)
            {
                ap += (recall[i] - lastRecall) * precision[i];
                lastRecall = recall[i];
            }
        }

        return ap;
    }

    /// <summary>Mean of the per-class average precisions over classes that have ground truth.</summary>
    public double MeanAveragePrecision()
    {
        double sum = 0;
        int n = 0;
        foreach (var cls in TrafficClasses.RoadUsers)
        {
            if (AveragePrecision(cls) is { } ap)
            {
                sum += ap;
                n++;
            }
        }

        return n == 0 ? 0 : sum / n;
    }

    /// <summary>True/false positives and misses over the given classes for detections scoring at least <paramref name="minScore"/>.</summary>
    public OperatingPoint At(Func<TrafficClass, float> minScore, params TrafficClass[] classes)
    {
        int tp = 0, fp = 0, positives = 0;
        foreach (var cls in classes)
        {
            positives += _positives[(int)cls];
            float threshold = minScore(cls);
            foreach (var m in _matches[(int)cls])
            {
                if (m.Score < threshold)
                {
                    continue;
                }

                if (m.Kind == MatchKind.TruePositive)
                {
                    tp++;
                }
                else if (m.Kind == MatchKind.FalsePositive)
                {
                    fp++;
                }
            }
        }

        return new OperatingPoint(tp, fp, positives - tp);
    }

    /// <summary>Ground-truth objects counted for a class (visible enough and large enough).</summary>
    public int Positives(TrafficClass cls) => _positives[(int)cls];

    private enum MatchKind : byte
    {
        TruePositive,
        FalsePositive,
        Ignored,
    }

    private readonly record struct ScoredMatch(float Score, MatchKind Kind);
}
