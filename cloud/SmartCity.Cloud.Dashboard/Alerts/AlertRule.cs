namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>
/// A threshold rule: fires when <see cref="Metric"/> <see cref="Comparison"/> <see cref="Threshold"/> has held for
/// <see cref="Duration"/> (in data time: from the start of the first interval that met it to the end of the latest),
/// for a device in scope; resolves at the first value that no longer meets it.
/// </summary>
/// <param name="Id">Short id.</param>
/// <param name="Name">Name shown on alerts.</param>
/// <param name="Metric">One of <see cref="AlertMetrics.All"/>.</param>
/// <param name="Comparison">How the value is compared.</param>
/// <param name="Threshold">The threshold, in the metric's unit.</param>
/// <param name="Duration">How long the condition must hold before the alert fires (zero: at once).</param>
/// <param name="Device">Only this device; null for every device.</param>
/// <param name="Site">Only devices at this site; null for every site.</param>
/// <param name="Enabled">Disabled rules are kept but not evaluated.</param>
/// <param name="CreatedBy">Account that created it.</param>
/// <param name="Created">When (UTC).</param>
public sealed record AlertRule(
    string Id,
    string Name,
    string Metric,
    AlertComparison Comparison,
    double Threshold,
    TimeSpan Duration,
    string? Device,
    string? Site,
    bool Enabled,
    string CreatedBy,
    DateTimeOffset Created);
