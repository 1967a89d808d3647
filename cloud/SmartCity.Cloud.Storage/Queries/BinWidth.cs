namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The rollup bins the dashboard reads: 15-minute bins (traffic studies, PHF) and hourly bins.</summary>
public enum BinWidth
{
    /// <summary>15 minutes, aligned to :00, :15, :30, :45 UTC.</summary>
    FifteenMinutes,

    /// <summary>One hour, aligned to the full UTC hour.</summary>
    Hour,
}
