namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Wall time per frame of the detector, the tracker and the analytics, measured around each call in the same
/// run, plus how busy the frames were. "Busy" frames hold at least <see cref="BusyObjects"/> ground-truth
/// objects: the cost target is stated at about 50 objects per frame, where tracking and analytics cost most.
/// </summary>
internal sealed class StageCost
{
    /// <summary>Ground-truth objects from which a frame counts as busy.</summary>
    public const int BusyObjects = 40;

    /// <summary>Frames measured.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames on which the detector ran.</summary>
    public long DetectorFrames { get; private set; }

    /// <summary>Frames with at least <see cref="BusyObjects"/> ground-truth objects.</summary>
    public long BusyFrames { get; private set; }

    /// <summary>Summed detector milliseconds.</summary>
    public double DetectorMs { get; private set; }

    /// <summary>Summed tracker milliseconds.</summary>
    public double TrackerMs { get; private set; }

    /// <summary>Summed analytics milliseconds.</summary>
    public double AnalyticsMs { get; private set; }

    /// <summary>Summed detector, tracker and analytics milliseconds of busy frames.</summary>
    public (double Detector, double Tracker, double Analytics) BusyMs { get; private set; }

    /// <summary>Summed ground-truth objects.</summary>
    public long Objects { get; private set; }

    /// <summary>Summed detections handed to the tracker.</summary>
    public long Detections { get; private set; }

    /// <summary>Most ground-truth objects in one frame.</summary>
    public int PeakObjects { get; private set; }

    /// <summary>Records one frame.</summary>
    public void Add(bool detected, double detectorMs, double trackerMs, double analyticsMs, int objects, int detections)
    {
        Frames++;
        DetectorFrames += detected ? 1 : 0;
        DetectorMs += detectorMs;
        TrackerMs += trackerMs;
        AnalyticsMs += analyticsMs;
        Objects += objects;
        Detections += detections;
        PeakObjects = Math.Max(PeakObjects, objects);
        if (objects >= BusyObjects)
        {
            BusyFrames++;
            var b = BusyMs;
            BusyMs = (b.Detector + detectorMs, b.Tracker + trackerMs, b.Analytics + analyticsMs);
        }
    }

    /// <summary>Mean milliseconds per frame of detector, tracker, analytics.</summary>
    public (double Detector, double Tracker, double Analytics) MeanMs =>
        Frames == 0 ? default : (DetectorMs / Frames, TrackerMs / Frames, AnalyticsMs / Frames);

    /// <summary>Mean milliseconds per busy frame, or null without busy frames.</summary>
    public (double Detector, double Tracker, double Analytics)? BusyMeanMs =>
        BusyFrames == 0 ? null : (BusyMs.Detector / BusyFrames, BusyMs.Tracker / BusyFrames, BusyMs.Analytics / BusyFrames);

    /// <summary>(Tracker + analytics) / detector time over all frames; null when the detector took no time (oracle detections).</summary>
    public double? TrackingShare => DetectorMs <= 0 ? null : (TrackerMs + AnalyticsMs) / DetectorMs;

    /// <summary>(Tracker + analytics) / detector time over busy frames.</summary>
    public double? BusyTrackingShare => BusyMeanMs is { } b && b.Detector > 0 ? (b.Tracker + b.Analytics) / b.Detector : null;
}
