namespace SmartCity.AirQuality.Limits;

/// <summary>
/// Counts exceedances of EU limit values from hourly means. Hours are keyed by their UTC start; days and years
/// are UTC calendar days and years (the directive's "calendar day" is the member state's local one — for a
/// station on UTC or GMT they coincide, elsewhere shift the timestamps before adding).
/// </summary>
public sealed class ExceedanceCounter
{
    private readonly IReadOnlyList<LimitValue> _limits;
    private readonly CoverageRules _coverage;
    private readonly Dictionary<Pollutant, SortedDictionary<DateTime, double>> _hours = [];

    /// <summary>Creates a counter for <paramref name="limits"/> with the given (or the directive's) coverage rules.</summary>
    public ExceedanceCounter(IReadOnlyList<LimitValue> limits, CoverageRules? coverage = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _coverage = coverage ?? CoverageRules.Default;
    }

    /// <summary>
    /// Records the mean of the hour starting at <paramref name="hourStart"/>. Pass NaN for an hour that failed
    /// its own coverage rule: it counts as a missing hour. A second value for the same hour replaces the first.
    /// </summary>
    public void AddHour(Pollutant pollutant, DateTimeOffset hourStart, double mean)
    {
        var key = TruncateToHour(hourStart.UtcDateTime);
        if (!_hours.TryGetValue(pollutant, out var series))
        {
            series = [];
            _hours[pollutant] = series;
        }

        series[key] = mean;
    }

    /// <summary>Daily means of <paramref name="pollutant"/>, one per UTC day that has any hour recorded.</summary>
    public IReadOnlyList<DailyMean> DailyMeans(Pollutant pollutant)
    {
        var result = new List<DailyMean>();
        if (!_hours.TryGetValue(pollutant, out var series))
        {
            return result;
        }

        DateOnly? day = null;
        double sum = 0;
        int valid = 0;
        foreach (var (hour, mean) in series)
        {
            var d = DateOnly.FromDateTime(hour);
            if (day is { } current && d != current)
            {
                result.Add(MakeDay(current, sum, valid));
                sum = 0;
                valid = 0;
            }

            day = d;
            if (double.IsFinite(mean))
            {
                sum += mean;
                valid++;
            }
        }

        if (day is { } last)
        {
            result.Add(MakeDay(last, sum, valid));
        }

        return result;
    }

    /// <summary>One summary per limit value and per calendar year present in the data.</summary>
    public IReadOnlyList<ExceedanceSummary> Summarize()
    {
        var result = new List<ExceedanceSummary>();
        foreach (var limit in _limits)
        {
            if (!_hours.TryGetValue(limit.Pollutant, out var series) || series.Count == 0)
            {
                continue;
            }

            var years = new SortedSet<int>();
            foreach (var hour in series.Keys)
            {
                years.Add(hour.Year);
            }

            foreach (var year in years)
            {
                result.Add(limit.Period switch
                {
                    AveragingPeriod.Hour => SummarizeHours(limit, series, year),
                    AveragingPeriod.Day => SummarizeDays(limit, year),
                    _ => SummarizeYear(limit, series, year),
                });
            }
        }

        return result;
    }

    private static ExceedanceSummary SummarizeHours(LimitValue limit, SortedDictionary<DateTime, double> series, int year)
    {
        int valid = 0, over = 0;
        foreach (var (hour, mean) in series)
        {
            if (hour.Year == year && double.IsFinite(mean))
            {
                valid++;
                if (mean > limit.Value)
                {
                    over++;
                }
            }
        }

        return new ExceedanceSummary(limit, year, over, valid, HoursIn(year), double.NaN, CoverageMet: true, Breached: over > limit.AllowedExceedances);
    }

    private ExceedanceSummary SummarizeDays(LimitValue limit, int year)
    {
        int valid = 0, over = 0;
        foreach (var day in DailyMeans(limit.Pollutant))
        {
            if (day.Date.Year == year && day.IsValid)
            {
                valid++;
                if (day.Mean > limit.Value)
                {
                    over++;
                }
            }
        }

        return new ExceedanceSummary(limit, year, over, valid, DateTime.IsLeapYear(year) ? 366 : 365, double.NaN, CoverageMet: true, Breached: over > limit.AllowedExceedances);
    }

    private ExceedanceSummary SummarizeYear(LimitValue limit, SortedDictionary<DateTime, double> series, int year)
    {
        int valid = 0;
        double sum = 0;
        foreach (var (hour, mean) in series)
        {
            if (hour.Year == year && double.IsFinite(mean))
            {
                valid++;
                sum += mean;
            }
        }

        double annualMean = valid > 0 ? sum / valid : double.NaN;
        bool coverageMet = valid >= _coverage.MinimumAnnualCoverage * HoursIn(year);
        return new ExceedanceSummary(limit, year, 0, valid, HoursIn(year), annualMean, coverageMet, Breached: coverageMet && annualMean > limit.Value);
    }

    private DailyMean MakeDay(DateOnly day, double sum, int valid) =>
        new(day, valid > 0 ? sum / valid : double.NaN, valid, valid >= _coverage.MinimumHoursPerDay);

    private static int HoursIn(int year) => (DateTime.IsLeapYear(year) ? 366 : 365) * 24;

    private static DateTime TruncateToHour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
}
