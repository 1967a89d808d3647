namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>One value of one metric for one device (and sensor, approach or camera) over an interval.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Subject">Sensor, approach or camera; "" for per-device metrics.</param>
/// <param name="Value">The value.</param>
/// <param name="Start">Interval start (UTC).</param>
/// <param name="End">Interval end (UTC).</param>
public readonly record struct MetricObservation(string Device, string Metric, string Subject, double Value, DateTimeOffset Start, DateTimeOffset End);
