using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>The tracker's working state of one track, kept in a reused array of structs.</summary>
internal struct Track
{
    public int Id;
    public TrackState State;
    public BoxKalmanFilter Filter;
    public ClassVotes Votes;
    public TrafficClass Class;

    /// <summary>Class of the latest matched detection (the votes' input, before any smoothing).</summary>
    public TrafficClass DetectedClass;
    public float Score;
    public int Hits;

    /// <summary>Id of the matched vehicle track that covered this one when it was lost (0: none; <see cref="TrackerOptions.SwapBackAfterCrossing"/>).</summary>
    public int PartnerId;

    /// <summary>How long the track had been lost when a detection revived it this frame (0: not revived this frame).</summary>
    public long RevivedAfterTicks;

    /// <summary>Time since the revival (<see cref="RevivedAfterTicks"/>), ticks.</summary>
    public long TicksSinceRevival;

    /// <summary>Time since the track started, in ticks over detector frames.</summary>
    public long AgeTicks;

    /// <summary>Whether this young track has been held against a lost track's partner (<see cref="TrackerOptions.SwapBackFromNewTrack"/>); done once.</summary>
    public bool NewbornChecked;

    /// <summary>Set when the track's slot is to be removed at the end of this update (its identity has moved to another slot).</summary>
    public bool RetireNow;

    /// <summary>Detector frames since the latest match.</summary>
    public int FramesSinceUpdate;

    /// <summary>Time since the latest match in ticks, summed over detector frames only (ticks: exact sums, no drift at the timeout).</summary>
    public long TicksSinceUpdate;

    /// <summary>How long this track may stay lost, chosen when it was lost (longer for one that stood still), and held while a track in front still covers it (<see cref="TrackerOptions.KeepWhileCovered"/>).</summary>
    public long LostTimeoutTicks;

    /// <summary>Whether the track stood still when it was lost (it then stays put, and is kept longer).</summary>
    public bool Stationary;

    /// <summary>Whether a walker or cyclist was lost moving behind a vehicle nearer the camera (<see cref="TrackerOptions.PassingOcclusionLostTimeout"/>): it coasts on undamped.</summary>
    public bool PassingBehind;

    /// <summary>Whether the track was lost standing or creeping behind a track in front of it (<see cref="TrackerOptions.HiddenQueueRecovery"/>).</summary>
    public bool HiddenInQueue;

    /// <summary>The box where the track was lost.</summary>
    public BoxF LostBox;

    /// <summary>Id of the matched track nearer the camera that hid this one in a queue when it was lost (0: none; <see cref="TrackerOptions.QueueFollowsOccluder"/>).</summary>
    public int OccluderId;

    /// <summary>The occluder's box when this track was lost.</summary>
    public BoxF OccluderLostBox;

    /// <summary>The occluder's box the latest time it was seen among the live tracks while this track was hidden.</summary>
    public BoxF OccluderNowBox;

    /// <summary>Unit vector of the track's image velocity when it was lost (zero when it stood still).</summary>
    public float HeadingX;

    /// <summary>See <see cref="HeadingX"/>.</summary>
    public float HeadingY;

    /// <summary>Box predicted for this update, used for matching.</summary>
    public BoxF Predicted;

    /// <summary>Index of the detection matched in this update, or −1.</summary>
    public int Match;

    /// <summary>Colour signature, a moving average over the clear detections matched so far.</summary>
    public Appearance Look;

    /// <summary>Detections blended into <see cref="Look"/>; 0 means none yet.</summary>
    public int LookSamples;

    /// <summary>Height of the track's box when it was last seen whole (0: not yet; <see cref="TrackerOptions.CompleteHiddenBottoms"/>).</summary>
    public float WholeHeight;

    /// <summary>Time since <see cref="WholeHeight"/> was measured, in ticks over detector frames.</summary>
    public long TicksSinceWhole;

    /// <summary>The filtered box after the latest match.</summary>
    public BoxF MatchedBox;

    /// <summary>A filtered box from one to two seconds before the latest match (<see cref="TrackerOptions.LostMotionFromEdges"/>).</summary>
    public BoxF PastBox;

    /// <summary>Age of <see cref="PastBox"/> in ticks over detector frames (0: none yet).</summary>
    public long PastBoxTicks;

    /// <summary>Edges of the detection matched at <see cref="PastBox"/> that a vehicle nearer the camera covered (<see cref="CoveredEdges"/>).</summary>
    public CoveredEdges PastCovered;

    /// <summary>The next <see cref="PastBox"/>: the filtered box at a match, promoted once it is a second old.</summary>
    public BoxF NextPastBox;

    /// <summary>See <see cref="PastCovered"/>.</summary>
    public CoveredEdges NextPastCovered;

    /// <summary>Edges of the latest matched detection that a vehicle nearer the camera covered.</summary>
    public CoveredEdges MatchedCovered;

    /// <summary>Age of <see cref="NextPastBox"/> in ticks over detector frames.</summary>
    public long NextPastBoxTicks;

    public void Start(int id, in DetectedObject detection, TrackState state)
    {
        Id = id;
        State = state;
        Filter = default;
        Filter.Initiate(detection.Box);
        Votes = default;
        Class = Votes.Add(detection, detection.TrafficClass);
        DetectedClass = detection.TrafficClass;
        Score = detection.Score;
        Hits = 1;
        PartnerId = 0;
        RevivedAfterTicks = 0;
        TicksSinceRevival = 0;
        AgeTicks = 0;
        NewbornChecked = false;
        RetireNow = false;
        FramesSinceUpdate = 0;
        TicksSinceUpdate = 0;
        Predicted = detection.Box;
        Match = -1;
        LookSamples = 0;
        HiddenInQueue = false;
        WholeHeight = 0;
        TicksSinceWhole = 0;
        RestartHistory(detection.Box, CoveredEdges.None);
    }

    /// <summary>Forgets the boxes of the past (a new track, or one whose motion restarts at a distant detection); <paramref name="box"/> is the first of the new history.</summary>
    public void RestartHistory(in BoxF box, CoveredEdges covered)
    {
        MatchedBox = box;
        MatchedCovered = covered;
        PastBox = default;
        PastCovered = CoveredEdges.None;
        PastBoxTicks = 0;
        NextPastBox = box;
        NextPastCovered = covered;
        NextPastBoxTicks = 0;
    }

    /// <summary>Records the filtered box after a match; the box a second or more old becomes <see cref="PastBox"/>.</summary>
    public void RecordMatch(in BoxF box, CoveredEdges covered)
    {
        MatchedBox = box;
        MatchedCovered = covered;
        if (NextPastBoxTicks >= TimeSpan.TicksPerSecond)
        {
            PastBox = NextPastBox;
            PastCovered = NextPastCovered;
            PastBoxTicks = NextPastBoxTicks;
            NextPastBox = box;
            NextPastCovered = covered;
            NextPastBoxTicks = 0;
        }
    }

    /// <summary>Ages the history by <paramref name="dtTicks"/>; with no past box yet, its age stays 0 (none).</summary>
    public void AgeHistory(long dtTicks)
    {
        NextPastBoxTicks += dtTicks;
        if (PastBoxTicks > 0)
        {
            PastBoxTicks += dtTicks;
        }
    }
}
