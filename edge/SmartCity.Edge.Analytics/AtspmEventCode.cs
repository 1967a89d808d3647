namespace SmartCity.Edge.Analytics;

/// <summary>
/// High-resolution controller event codes (Indiana / ATSPM enumeration) that a virtual detector emits; the event
/// parameter is the detector channel.
/// </summary>
public enum AtspmEventCode : short
{
    /// <summary>Detector off: the last object left the zone.</summary>
    DetectorOff = 81,

    /// <summary>Detector on: the first object entered the zone.</summary>
    DetectorOn = 82,
}
