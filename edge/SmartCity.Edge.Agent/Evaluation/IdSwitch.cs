using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// One CLEAR-MOT identity switch, with what the two tracks were doing then, so a switch can be told apart as a
/// track lost and replaced, a swap between neighbours, or an identity taken over from another road user.
/// </summary>
/// <param name="Frame">Frame index (0-based) of the switch.</param>
/// <param name="TruthId">The ground-truth road user.</param>
/// <param name="Class">Its class.</param>
/// <param name="Box">Its box in this frame (image pixels).</param>
/// <param name="Visibility">Its visible fraction in this frame.</param>
/// <param name="PreviousTrack">Track it was matched to before.</param>
/// <param name="NewTrack">Track it is matched to now.</param>
/// <param name="FramesSinceLastMatch">Frames since it was last matched (1: the frame before).</param>
/// <param name="PreviousTrackNow">
/// Where the previous track is in this frame: the ground-truth id it is matched to, <see cref="NotReported"/> when
/// the tracker did not report it (lost or removed), <see cref="Unmatched"/> when reported but matched to nothing.
/// </param>
/// <param name="NewTrackAgeFrames">Frames since the new track was first reported (0: born in this frame).</param>
/// <param name="NewTrackPreviousTruth">The ground-truth id the new track was matched to before, or -1.</param>
internal readonly record struct IdSwitch(
    int Frame,
    int TruthId,
    TrafficClass Class,
    BoxF Box,
    float Visibility,
    int PreviousTrack,
    int NewTrack,
    int FramesSinceLastMatch,
    int PreviousTrackNow,
    int NewTrackAgeFrames,
    int NewTrackPreviousTruth)
{
    /// <summary><see cref="PreviousTrackNow"/>: the tracker did not report the previous track in this frame.</summary>
    public const int NotReported = -1;

    /// <summary><see cref="PreviousTrackNow"/>: reported, matched to no ground truth.</summary>
    public const int Unmatched = -2;

    /// <summary>A short name of what happened, for the CSV and the report.</summary>
    public string Kind =>
        NewTrackPreviousTruth == TruthId ? "back-to-earlier-track" :
        PreviousTrackNow >= 0 ? "swap" :
        NewTrackPreviousTruth >= 0 ? "taken-from-neighbour" :
        PreviousTrackNow == NotReported && NewTrackAgeFrames < FramesSinceLastMatch + 3 ? "lost-and-replaced" :
        PreviousTrackNow == NotReported ? "lost-other-track-took-over" :
        "previous-track-drifted";
}
