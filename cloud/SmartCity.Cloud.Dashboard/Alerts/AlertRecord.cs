namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>One alert: a rule's condition held long enough for one device (and sensor, approach or camera).</summary>
/// <param name="Id">Unique id.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="RuleName">The rule's name when it fired.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Condition">The condition as text, e.g. "&gt; 150 AQI for 1 h".</param>
/// <param name="Device">Device.</param>
/// <param name="Site">Site of the device.</param>
/// <param name="Subject">Sensor, approach or camera; "" when the metric has one value per device.</param>
/// <param name="Value">The latest value while active; the last value that met the condition once resolved.</param>
/// <param name="Peak">The most extreme value while active.</param>
/// <param name="Since">When the condition started to hold (data time, UTC).</param>
/// <param name="Fired">When the alert fired (data time of the value that made it fire).</param>
/// <param name="Resolved">When the condition stopped holding; null while active.</param>
public sealed record AlertRecord(
    string Id,
    string RuleId,
    string RuleName,
    string Metric,
    string Condition,
    string Device,
    string Site,
    string Subject,
    double Value,
    double Peak,
    DateTimeOffset Since,
    DateTimeOffset Fired,
    DateTimeOffset? Resolved)
{
    /// <summary>True until resolved.</summary>
    public bool Active => Resolved is null;
}
