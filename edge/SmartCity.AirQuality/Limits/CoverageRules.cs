namespace SmartCity.AirQuality.Limits;

/// <summary>
/// Data-capture rules for aggregating, after Directive 2008/50/EC Annex XI Section A ("criteria for checking
/// validity when aggregating data and calculating statistical parameters"): a one-hour value needs 75 % of the
/// hour (45 minutes), a 24-hour value 75 % of the hourly means (18 of 24), an annual mean 90 % of the hours.
/// </summary>
public sealed class CoverageRules
{
    /// <summary>The directive's defaults.</summary>
    public static CoverageRules Default { get; } = new();

    /// <summary>Fraction of the expected samples an hour needs to be valid (0.75).</summary>
    public double MinimumHourCoverage { get; init; } = 0.75;

    /// <summary>Valid hourly means a day needs for a valid daily mean (18 of 24).</summary>
    public int MinimumHoursPerDay { get; init; } = 18;

    /// <summary>Fraction of the year's hours an annual mean needs (0.90).</summary>
    public double MinimumAnnualCoverage { get; init; } = 0.90;
}
