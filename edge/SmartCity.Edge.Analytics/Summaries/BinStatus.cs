namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>How complete a 15-minute bin is.</summary>
public enum BinStatus
{
    /// <summary>Every interval of the bin is present and complete.</summary>
    Complete,

    /// <summary>Some intervals are missing, partial or without data: volumes are a lower bound.</summary>
    Partial,

    /// <summary>No interval of the bin has data: volumes are absent, not zero.</summary>
    NoData,
}
