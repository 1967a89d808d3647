using SmartCity.Cloud.Dashboard.Traffic;

namespace SmartCity.Cloud.Dashboard.Air;

/// <summary>Everything the Air quality page shows (<c>GET /api/v1/air</c>).</summary>
/// <param name="From">Start of the first bin, UTC.</param>
/// <param name="To">End of the range, UTC.</param>
/// <param name="Bin">"15m" or "1h".</param>
/// <param name="BinSeconds">Bin width, seconds.</param>
/// <param name="BinCount">Values per series.</param>
/// <param name="Site">The site asked for, if any.</param>
/// <param name="Devices">Devices in the view.</param>
/// <param name="Charts">One chart per quantity.</param>
/// <param name="Current">Current US AQI (NowCast) and EAQI per device.</param>
/// <param name="Exceedances">EU limit values this calendar year per device.</param>
public sealed record AirView(
    DateTimeOffset From,
    DateTimeOffset To,
    string Bin,
    int BinSeconds,
    int BinCount,
    string? Site,
    IReadOnlyList<string> Devices,
    IReadOnlyList<AirChart> Charts,
    IReadOnlyList<AirCurrent> Current,
    IReadOnlyList<AirExceedances> Exceedances);

/// <summary>One quantity's chart.</summary>
/// <param name="Quantity">Wire name ("pm25", "pm10", "co2", "temperature", "relative_humidity").</param>
/// <param name="Label">"PM2.5", …</param>
/// <param name="Unit">"µg/m³", "ppm", "°C", "%".</param>
/// <param name="Series">Bin means per device and sensor; null = no valid sample.</param>
/// <param name="Flags">Bins where QA flags were raised.</param>
/// <param name="Reference">Reference lines (EU daily limit, WHO guideline), or none.</param>
public sealed record AirChart(string Quantity, string Label, string Unit, IReadOnlyList<ChartSeries> Series, IReadOnlyList<AirFlagMark> Flags, IReadOnlyList<ReferenceLine> Reference);

/// <summary>QA flags raised in one bin by one sensor.</summary>
/// <param name="SeriesKey">The series the flags belong to.</param>
/// <param name="Bin">Bin index.</param>
/// <param name="Flags">Flag names (out_of_range, stuck, warm_up, …).</param>
/// <param name="FlaggedSamples">Samples that carried a flag.</param>
public sealed record AirFlagMark(string SeriesKey, int Bin, IReadOnlyList<string> Flags, int FlaggedSamples);

/// <summary>A horizontal reference line on a chart.</summary>
public sealed record ReferenceLine(string Label, double Value, string Color);

/// <summary>A device's current index values from its latest complete hours.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Hour">Start of the latest complete hour used; null without data.</param>
/// <param name="Pm25Hourly">PM2.5 mean of that hour, µg/m³.</param>
/// <param name="Pm25NowCast">PM2.5 NowCast, µg/m³ (EPA, 12 h).</param>
/// <param name="Pm10NowCast">PM10 NowCast, µg/m³.</param>
/// <param name="UsAqi">US AQI (2024) from the NowCasts; null when NowCast is not valid (fewer than 2 of the last 3 hours).</param>
/// <param name="Eaqi">European AQI (EEA, 2024 bands) from the hourly means.</param>
public sealed record AirCurrent(string Device, DateTimeOffset? Hour, double? Pm25Hourly, double? Pm25NowCast, double? Pm10NowCast, IndexValue? UsAqi, IndexValue? Eaqi);

/// <summary>An index value with its official category name and colour.</summary>
/// <param name="Value">US AQI 0..500, or EAQI band 1..6.</param>
/// <param name="Category">Official category name.</param>
/// <param name="Color">Official colour "#RRGGBB".</param>
/// <param name="TextColor">Legible text colour on it.</param>
/// <param name="Pollutant">The responsible pollutant.</param>
public sealed record IndexValue(int Value, string Category, string Color, string TextColor, string Pollutant);

/// <summary>EU limit values of one device for the current calendar year.</summary>
public sealed record AirExceedances(string Device, int Year, IReadOnlyList<ExceedanceRow> Limits);

/// <summary>One limit value's state this year.</summary>
/// <param name="Label">"PM10 daily 50 µg/m³ (≤ 35/yr)".</param>
/// <param name="Regime">"2008/50/EC (now)" or "2024/2881 (from 2030)".</param>
/// <param name="Exceedances">Days (or hours) above the limit so far; 0 for annual limits.</param>
/// <param name="Allowed">Exceedances allowed per year.</param>
/// <param name="AnnualMean">Mean so far (annual limits), µg/m³.</param>
/// <param name="ValidPeriods">Valid days or hours so far.</param>
/// <param name="Breached">Whether the limit is already breached this year.</param>
public sealed record ExceedanceRow(string Label, string Regime, int Exceedances, int Allowed, double? AnnualMean, int ValidPeriods, bool Breached);
