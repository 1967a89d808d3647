namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>Everything the Traffic page shows (<c>GET /api/v1/traffic</c>); the CSV export writes <see cref="Series"/> as is.</summary>
/// <param name="From">Start of the first bin, UTC.</param>
/// <param name="To">End of the range (exclusive), UTC.</param>
/// <param name="Bin">"15m" or "1h".</param>
/// <param name="BinSeconds">Bin width, seconds.</param>
/// <param name="BinCount">Values in every series.</param>
/// <param name="Kind">"line" (counting-line crossings) or "movement" (turning movements).</param>
/// <param name="Group">What the series are: "class", "line", "direction" or "device".</param>
/// <param name="Unit">Unit of the values, e.g. "road users / 15 min".</param>
/// <param name="Site">The site asked for, if any.</param>
/// <param name="Devices">The devices in the view.</param>
/// <param name="Series">One series per group; null = no camera had data in the bin (a gap, never zero).</param>
/// <param name="Coverage">Share of the view's cameras that sent data, per bin (0..1); null where none did.</param>
/// <param name="Detail">Turning movements, queues and speeds; null when more devices are selected than <see cref="TrafficService.MaxDetailDevices"/>.</param>
/// <param name="DetailNote">Why <see cref="Detail"/> is missing.</param>
public sealed record TrafficView(
    DateTimeOffset From,
    DateTimeOffset To,
    string Bin,
    int BinSeconds,
    int BinCount,
    string Kind,
    string Group,
    string Unit,
    string? Site,
    IReadOnlyList<string> Devices,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<double?> Coverage,
    TrafficDetail? Detail,
    string? DetailNote);

/// <summary>One line of a chart.</summary>
/// <param name="Key">Stable key (class name, line name, device id, …).</param>
/// <param name="Label">Legend text.</param>
/// <param name="Color">CSS colour.</param>
/// <param name="Values">One value per bin; null = no data.</param>
/// <param name="Total">Sum of the non-null values.</param>
public sealed record ChartSeries(string Key, string Label, string Color, IReadOnlyList<double?> Values, double Total);

/// <summary>The per-intersection part of the Traffic page.</summary>
/// <param name="Turning">One turning-movement table per device with movement counts.</param>
/// <param name="QueueUnit">"m".</param>
/// <param name="Queues">Longest queue per bin per approach, m.</param>
/// <param name="SpeedUnit">"km/h".</param>
/// <param name="Speeds">Mean and 85th percentile speed per bin per line or approach, km/h.</param>
public sealed record TrafficDetail(IReadOnlyList<TurningMovementTable> Turning, string QueueUnit, IReadOnlyList<ChartSeries> Queues, string SpeedUnit, IReadOnlyList<ChartSeries> Speeds);

/// <summary>A turning-movement count table of one device (intersection) over its peak hour, with peak hour factors.</summary>
/// <param name="Device">Device id.</param>
/// <param name="PeakHourStart">Start of the busiest four consecutive 15-minute bins with data; null when no full hour has data.</param>
/// <param name="PeakHourVolume">Road users in the peak hour, all approaches.</param>
/// <param name="Phf">Intersection peak hour factor: peak-hour volume / (4 × busiest 15 minutes in it).</param>
/// <param name="Approaches">Per approach (entry zone).</param>
public sealed record TurningMovementTable(string Device, DateTimeOffset? PeakHourStart, long PeakHourVolume, double? Phf, IReadOnlyList<ApproachRow> Approaches);

/// <summary>One approach of a turning-movement table.</summary>
/// <param name="Approach">Entry zone name.</param>
/// <param name="Left">Left turns in the peak hour.</param>
/// <param name="Through">Through movements in the peak hour.</param>
/// <param name="Right">Right turns in the peak hour.</param>
/// <param name="UTurn">U-turns in the peak hour.</param>
/// <param name="PeakHourTotal">All movements of the approach in the peak hour.</param>
/// <param name="Phf">Approach peak hour factor within the intersection's peak hour; null when the approach had no traffic then.</param>
/// <param name="RangeTotal">All movements of the approach over the whole range.</param>
public sealed record ApproachRow(string Approach, long Left, long Through, long Right, long UTurn, long PeakHourTotal, double? Phf, long RangeTotal);
