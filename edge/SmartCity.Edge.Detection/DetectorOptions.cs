using System.Globalization;

namespace SmartCity.Edge.Detection;

/// <summary>Runtime settings of an <see cref="ObjectDetector"/>; thresholds here override the model's own.</summary>
public sealed class DetectorOptions
{
    /// <summary>Threads ONNX Runtime uses inside one operator; 0 lets the runtime choose (all cores).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads for running independent operators; 0 lets the runtime choose. Execution is sequential, so 1 is enough.</summary>
    public int InterOpThreads { get; set; } = 1;

    /// <summary>
    /// Whether the detector pre-processes the next frame on a helper thread while the current one is inferred
    /// (when its caller hands it that frame). Null (the default) decides by <see cref="OverlapPaysOff"/>: on when
    /// fewer intra-op threads than cores are asked for, so a core is idle during inference; off when the runtime
    /// already uses every core, where a third busy thread would only slow the inference down.
    /// </summary>
    public bool? OverlapPreprocessing { get; set; }

    /// <summary>Score threshold for every class, overriding model.json's <c>scoreThreshold</c>; null keeps the model's.</summary>
    public float? ScoreThreshold { get; set; }

    /// <summary>NMS IoU threshold, overriding model.json's <c>nmsIou</c>; null keeps the model's.</summary>
    public float? NmsIou { get; set; }

    /// <summary>Per-class score thresholds by model class name, overriding both of the above for those classes.</summary>
    public IDictionary<string, float> ClassThresholds { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>Also report model classes that map to no traffic class (as <c>Other</c>); off by default.</summary>
    public bool KeepUnmappedClasses { get; set; }

    /// <summary>Suppress overlapping boxes across classes too (see <see cref="NonMaxSuppression.ClassAgnostic"/>); off by default.</summary>
    public bool ClassAgnosticNms { get; set; }

    /// <summary>
    /// Score given to a box that NMS suppresses although it overlaps the box that suppressed it by no more than
    /// <see cref="SuppressedMaxIou"/> (<see cref="NonMaxSuppression.SuppressedScore"/>); null (the default) drops every
    /// suppressed box, as plain NMS does. A tracker sets it below its high-score threshold: two vehicles that overlap
    /// in a queue often get two candidate boxes of which NMS keeps one, and the other, kept at a low score, can extend
    /// the hidden vehicle's track but never start a track.
    /// </summary>
    public float? SuppressedScore { get; set; }

    /// <summary>Most IoU a suppressed box may have with the box that suppressed it to be kept at <see cref="SuppressedScore"/>; above it the two are one object.</summary>
    public float SuppressedMaxIou { get; set; } = NonMaxSuppression.DefaultSuppressedMaxIou;

    /// <summary>
    /// A rectangle of the frame the detector runs on a second time, enlarged to the model's input (null, the default:
    /// one pass over the whole frame). For a camera whose far approach shows vehicles a few pixels tall: a 320 × 240
    /// region of a 640 × 480 frame is seen at twice the scale. Inside the region, boxes lower than
    /// <see cref="DetailMaxHeight"/> come from this pass; everything else from the whole frame. It costs a second
    /// inference per frame. Checked against each frame: one it does not fit fails with the reason.
    /// </summary>
    public DetailRegion? DetailRegion { get; set; }

    /// <summary>Boxes lower than this, in frame pixels, inside <see cref="DetailRegion"/> are taken from the region's pass (default 12).</summary>
    public float DetailMaxHeight { get; set; } = DefaultDetailMaxHeight;

    /// <summary>Default of <see cref="DetailMaxHeight"/>.</summary>
    public const float DefaultDetailMaxHeight = 12;

    /// <summary>The default of <see cref="OverlapPreprocessing"/>: a core is left idle by <paramref name="intraOpThreads"/> (0 = all cores).</summary>
    public static bool OverlapPaysOff(int intraOpThreads) => intraOpThreads > 0 && intraOpThreads < Environment.ProcessorCount;

    /// <summary>Checks every value; a bad one throws <see cref="ArgumentException"/> naming its key.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 0)
        {
            throw new ArgumentException($"{nameof(IntraOpThreads)} is {IntraOpThreads}; it must be 0 (runtime default) or more.", nameof(IntraOpThreads));
        }

        if (InterOpThreads < 0)
        {
            throw new ArgumentException($"{nameof(InterOpThreads)} is {InterOpThreads}; it must be 0 (runtime default) or more.", nameof(InterOpThreads));
        }

        CheckUnit(ScoreThreshold, nameof(ScoreThreshold));
        CheckUnit(NmsIou, nameof(NmsIou));
        CheckUnit(SuppressedScore, nameof(SuppressedScore));
        CheckUnit(SuppressedMaxIou, nameof(SuppressedMaxIou));
        foreach (var (name, value) in ClassThresholds)
        {
            CheckUnit(value, $"{nameof(ClassThresholds)}:{name}");
        }

        if (DetailRegion?.ShapeProblem() is { } problem)
        {
            throw new ArgumentException($"{nameof(DetailRegion)} {DetailRegion}: {problem}.", nameof(DetailRegion));
        }

        if (!(DetailMaxHeight is > 0 and <= 1000))
        {
            throw new ArgumentException($"{nameof(DetailMaxHeight)} is {DetailMaxHeight.ToString(CultureInfo.InvariantCulture)}; it must be more than 0 and at most 1000 px.", nameof(DetailMaxHeight));
        }
    }

    private static void CheckUnit(float? value, string key)
    {
        if (value is { } v && !(v is >= 0 and <= 1))
        {
            throw new ArgumentException($"{key} is {v.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 1.", key);
        }
    }
}
