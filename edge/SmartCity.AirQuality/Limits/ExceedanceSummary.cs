namespace SmartCity.AirQuality.Limits;

/// <summary>How one limit value fared in one calendar year of the data given.</summary>
/// <param name="Limit">The limit value.</param>
/// <param name="Year">The calendar year.</param>
/// <param name="Exceedances">Valid hours or days above the limit (0 for annual limits).</param>
/// <param name="ValidPeriods">Valid hours or days (valid hours for annual limits).</param>
/// <param name="PeriodsInYear">Hours or days in that year (hours for annual limits).</param>
/// <param name="AnnualMean">Mean of the valid hourly means, for annual limits; NaN otherwise.</param>
/// <param name="CoverageMet">For annual limits: the year's data capture met <see cref="CoverageRules.MinimumAnnualCoverage"/>; otherwise true.</param>
/// <param name="Breached">
/// More exceedances than allowed; for an annual limit, a mean above the value with sufficient coverage.
/// With less than a year of data the count is a lower bound.
/// </param>
public readonly record struct ExceedanceSummary(
    LimitValue Limit, int Year, int Exceedances, int ValidPeriods, int PeriodsInYear, double AnnualMean, bool CoverageMet, bool Breached);
