namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>How far an interval's figures can be trusted.</summary>
public enum IntervalStatus
{
    /// <summary>Frames throughout the interval, no gaps, drops within bounds.</summary>
    Complete,

    /// <summary>Some frames: counts are a lower bound; <see cref="IntervalSummary.Reason"/> says why.</summary>
    Partial,

    /// <summary>No frames at all (camera down, everything dropped): counts are absent, not zero.</summary>
    NoData,
}
