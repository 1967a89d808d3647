namespace SmartCity.Cloud.Dashboard.OpenData;

/// <summary>One 15-minute traffic count of the open data (JSON and CSV columns).</summary>
/// <param name="Start">Bin start, UTC.</param>
/// <param name="End">Bin end, UTC.</param>
/// <param name="Device">Device id.</param>
/// <param name="Site">Site.</param>
/// <param name="Camera">Camera on the device.</param>
/// <param name="Kind">"line" or "movement".</param>
/// <param name="Line">Counting line, or "from&gt;to" for a movement.</param>
/// <param name="Direction">"in"/"out" for a line, the movement kind for a movement.</param>
/// <param name="Class">Road-user class.</param>
/// <param name="Count">Road users counted in the bin.</param>
public sealed record TrafficOpenRow(
    DateTimeOffset Start, DateTimeOffset End, string Device, string Site, string Camera, string Kind, string Line, string Direction, string Class, int Count);

/// <summary>One hourly air-quality mean of the open data.</summary>
/// <param name="Start">Hour start, UTC.</param>
/// <param name="End">Hour end, UTC.</param>
/// <param name="Device">Device id.</param>
/// <param name="Site">Site.</param>
/// <param name="Sensor">Sensor name on the device.</param>
/// <param name="Quantity">Quantity (pm25, pm10, co2, temperature, relative_humidity …).</param>
/// <param name="Unit">Unit of the mean.</param>
/// <param name="Mean">Mean of the interval means in the hour.</param>
public sealed record AirOpenRow(
    DateTimeOffset Start, DateTimeOffset End, string Device, string Site, string Sensor, string Quantity, string Unit, double Mean);
