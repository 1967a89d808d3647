using SmartCity.Edge.Detection;
using SmartCity.Edge.Tracking;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// Pairs a detector with ByteTrack's score thresholds. ByteTrack splits detections at the detector's
/// operating point — above it "high" (may start and extend tracks), below it down to a floor "low" (may only
/// extend tracks a high detection started) — and its published defaults (0.5 / 0.6) are tuned to YOLOX's
/// score scale. Models differ: an IoU-aware head such as our demo model's scores true objects lower. So
/// unless the device configuration sets the tracker explicitly, the split is taken from the operating point — the
/// device configuration's <c>Detector:ScoreThreshold</c>, else the model's own threshold — and the detector is
/// asked for everything down to the low floor.
/// </summary>
internal static class TrackerProfile
{
    /// <summary>
    /// Tracker options for <paramref name="model"/> at <paramref name="operatingPoint"/> (the score from which a detection
    /// counts as a road user; null: the model's own threshold), or <paramref name="configured"/> when given.
    /// </summary>
    public static TrackerOptions For(ModelManifest model, TrackerOptions? configured = null, float? operatingPoint = null)
    {
        if (configured is not null)
        {
            return configured;
        }

        float high = Math.Clamp(operatingPoint ?? model.ScoreThreshold, 0.15f, 0.9f);
        return new TrackerOptions
        {
            HighScore = high,
            NewTrackScore = Math.Min(0.95f, high + 0.1f),
            LowScore = Math.Min(0.1f, high * 0.5f),
        };
    }

    /// <summary>
    /// Detector options that keep the detections the tracker's second stage needs, with NMS across classes:
    /// a vehicle scored as both car and truck must reach the tracker once, or the second box starts a
    /// duplicate track (and a double count). Boxes NMS suppresses that overlap the kept one by 0.7 IoU or less come
    /// along as low-score detections, halfway between the tracker's low and high thresholds: they can keep a
    /// vehicle's track when a neighbour's box won NMS, never start one (<see cref="NonMaxSuppression.SuppressedScore"/>).
    /// </summary>
    public static DetectorOptions DetectorOptions(int intraOpThreads, TrackerOptions tracker) => new()
    {
        IntraOpThreads = intraOpThreads,
        ScoreThreshold = tracker.LowScore,
        ClassAgnosticNms = true,
        SuppressedScore = tracker.LowScore < tracker.HighScore ? (tracker.LowScore + tracker.HighScore) / 2 : null,
    };

    /// <summary>
    /// <see cref="DetectorOptions(int, TrackerOptions)"/> with a device configuration's <c>Detector</c> section applied
    /// on top: its threads, its NMS IoU and per-class thresholds where it sets them, and its detail region. Its score threshold is not a
    /// detector floor here: it is the tracker's operating point (<see cref="For"/>), and the detector still hands the
    /// tracker what lies below it, down to the low floor.
    /// </summary>
    public static DetectorOptions DetectorOptions(Configuration.DetectorSettings configured, TrackerOptions tracker)
    {
        DetectorOptions options = DetectorOptions(configured.IntraOpThreads, tracker);
        options.NmsIou = configured.NmsIou;
        options.DetailRegion = configured.DetailRegion;
        options.DetailMaxHeight = configured.DetailMaxHeight;
        foreach (var (name, value) in configured.ClassThresholds)
        {
            options.ClassThresholds[name] = value;
        }

        return options;
    }
}
