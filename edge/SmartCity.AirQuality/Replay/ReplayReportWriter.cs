using System.Globalization;
using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Limits;

namespace SmartCity.AirQuality.Replay;

/// <summary>Renders a <see cref="ReplayReport"/> as plain-text tables (UTC times, invariant culture).</summary>
public static class ReplayReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>How many bad lines are listed per file before the rest are only counted.</summary>
    public const int BadLinesListed = 10;

    /// <summary>Writes files, hourly and daily tables and exceedance summaries.</summary>
    public static void Write(ReplayReport report, TextWriter output, bool includeHourly = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var file in report.Files)
        {
            output.WriteLine(string.Create(Inv, $"file {file.Path}: {file.Format}, {file.DataLines} data lines, {file.Samples.Count} values, {file.BadLines.Count} bad line(s)"));
            foreach (var bad in file.BadLines.Take(BadLinesListed))
            {
                output.WriteLine(string.Create(Inv, $"  line {bad.LineNumber}: {bad.Message}"));
            }

            if (file.BadLines.Count > BadLinesListed)
            {
                output.WriteLine(string.Create(Inv, $"  … and {file.BadLines.Count - BadLinesListed} more"));
            }
        }

        output.WriteLine(string.Create(Inv, $"limit values: {(report.Options.Limits == EuLimitValues.From2030 ? "Directive (EU) 2024/2881 (2030)" : "Directive 2008/50/EC")}; EAQI bands: {report.Options.EaqiVersion}; US AQI: EPA-454/B-24-002 (May 2024)"));
        foreach (var series in report.Series)
        {
            WriteSeries(series, output, includeHourly);
        }
    }

    private static void WriteSeries(ReplaySeries s, TextWriter o, bool includeHourly)
    {
        string unit = s.Quantity.Unit();
        bool pm = AirReplay.PollutantOf(s.Quantity) is not null;
        o.WriteLine();
        o.WriteLine(string.Create(Inv, $"== {s.Source} {s.Quantity.Name()} ({unit}): {s.SampleCount} samples, nominal interval {s.NominalInterval.TotalSeconds:0} s, {s.OutOfRangeCount} out of range"));
        if (s.FlagCounts.Count > 0)
        {
            o.WriteLine(string.Create(Inv, $"   sample flags: {string.Join(", ", s.FlagCounts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}"));
        }

        if (includeHourly)
        {
            o.WriteLine(pm
                ? "   hour (UTC)          n/exp     mean      min      max       sd   RH%  corr   NowCast  AQI  category      EAQI            flags"
                : "   hour (UTC)          n/exp     mean      min      max       sd  flags");
            foreach (var h in s.Hours)
            {
                string stats = string.Create(Inv, $"   {h.HourStart:yyyy-MM-dd HH:mm}  {h.Count,3}/{h.ExpectedSamples,-3} {F(h.Mean),8} {F(h.Min),8} {F(h.Max),8} {F(h.StdDev),8}");
                o.WriteLine(pm
                    ? string.Create(Inv, $"{stats} {F0(h.MeanHumidity),5} {F(h.CorrectedMean),5} {F(h.NowCast),9} {(h.Aqi is { } a ? a.Index.ToString(Inv) : "-"),4}  {(h.Aqi is { } c ? Short(c.Category) : "-"),-12}  {(h.Eaqi is { } e ? e.DisplayName() : "-"),-14}  {Flags(h.Flags)}")
                    : string.Create(Inv, $"{stats}  {Flags(h.Flags)}"));
            }
        }

        o.WriteLine(pm
            ? "   day (UTC)    hours  mean     max hour (UTC)       24-h AQI                       EU daily limit"
            : "   day (UTC)    hours  mean     max hour (UTC)");
        foreach (var d in s.Days)
        {
            string basic = string.Create(Inv, $"   {d.Date:yyyy-MM-dd}  {d.ValidHours,2}/24{(d.IsValid ? " " : "!")} {F(d.Mean),7}  {F(d.MaxHourlyMean),7} {(d.MaxHourStart is { } t ? t.ToString("HH:mm", Inv) : "-"),-5}");
            if (!pm)
            {
                o.WriteLine(basic);
                continue;
            }

            string aqi = d.Aqi is { } a ? string.Create(Inv, $"{a.Index} {a.Category.DisplayName()}") : (d.IsValid ? "-" : "- (coverage < 18 h)");
            string limit = d.DailyLimit is { } l
                ? string.Create(Inv, $"{l.Value:0} µg/m³: {(d.IsValid ? (d.ExceedsDailyLimit ? "EXCEEDED" : "not exceeded") : "no valid day")}")
                : "none for this pollutant";
            o.WriteLine(string.Create(Inv, $"{basic}        {aqi,-30} {limit}"));
        }

        foreach (var e in s.Exceedances)
        {
            o.WriteLine(e.Limit.Period == AveragingPeriod.CalendarYear
                ? string.Create(Inv, $"   {e.Limit.Label} {e.Year}: mean {F(e.AnnualMean)} over {e.ValidPeriods} valid h of {e.PeriodsInYear} — {(e.CoverageMet ? (e.Breached ? "EXCEEDED" : "met") : "coverage < 90 %, not assessable")}")
                : string.Create(Inv, $"   {e.Limit.Label} {e.Year}: {e.Exceedances} exceedance(s) in {e.ValidPeriods} valid {(e.Limit.Period == AveragingPeriod.Hour ? "hours" : "days")} — {(e.Breached ? "BREACHED" : "within allowance so far")}"));
        }
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.00", Inv) : "-";

    private static string F0(double v) => double.IsFinite(v) ? v.ToString("0", Inv) : "-";

    private static string Flags(QualityFlags f) => f == QualityFlags.None ? "-" : f.ToString().Replace(", ", "|", StringComparison.Ordinal);

    private static string Short(AqiCategory c) => c == AqiCategory.UnhealthyForSensitiveGroups ? "USG" : c.DisplayName();
}
