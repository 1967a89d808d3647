namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>A value alert rules can watch.</summary>
/// <param name="Name">Key used in rules, e.g. <c>pm25_nowcast_aqi</c>.</param>
/// <param name="Title">What it is, for the page.</param>
/// <param name="Unit">Unit of the threshold.</param>
/// <param name="Source">Where it comes from: <c>air</c>, <c>traffic</c>, <c>health</c> or <c>timer</c> (evaluated on a clock).</param>
/// <param name="Subject">What one device has several of (sensor, approach, camera), or "" for one value per device.</param>
public sealed record AlertMetric(string Name, string Title, string Unit, string Source, string Subject);
