namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>Where speeds were measured.</summary>
public enum SpeedSite
{
    /// <summary>At a counting line, when a road user crossed it.</summary>
    Line,

    /// <summary>On an approach, when a road user left its entry zone.</summary>
    Approach,
}
