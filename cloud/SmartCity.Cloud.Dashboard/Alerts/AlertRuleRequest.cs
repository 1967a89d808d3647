using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>A rule as an operator enters it (form or JSON).</summary>
/// <param name="Name">Name; a default is made from the condition when empty.</param>
/// <param name="Metric">Metric name (<see cref="AlertMetrics"/>).</param>
/// <param name="Comparison">"&gt;", "&gt;=", "&lt;" or "&lt;=".</param>
/// <param name="Threshold">Threshold in the metric's unit.</param>
/// <param name="DurationMinutes">How long the condition must hold, minutes (0–10080).</param>
/// <param name="Device">Device id or empty for all.</param>
/// <param name="Site">Site or empty for all.</param>
public sealed partial record AlertRuleRequest(string? Name, string? Metric, string? Comparison, double? Threshold, double? DurationMinutes, string? Device, string? Site)
{
    /// <summary>Checks the request; returns the rule or the field at fault and why.</summary>
    public bool TryCreate(string user, DateTimeOffset now, out AlertRule? rule, out string? field, out string? error)
    {
        rule = null;
        field = null;
        error = null;
        AlertMetric? metric = AlertMetrics.Find(Metric);
        if (metric is null)
        {
            (field, error) = ("metric", $"Unknown metric '{Metric}'. Known: {string.Join(", ", AlertMetrics.All.Select(m => m.Name))}.");
            return false;
        }

        if (!AlertComparisons.TryParse(Comparison, out AlertComparison comparison))
        {
            (field, error) = ("comparison", $"Unknown comparison '{Comparison}'; use >, >=, < or <=.");
            return false;
        }

        if (Threshold is not { } threshold || !double.IsFinite(threshold))
        {
            (field, error) = ("threshold", "The threshold must be a number.");
            return false;
        }

        double minutes = DurationMinutes ?? 0;
        if (!double.IsFinite(minutes) || minutes < 0 || minutes > 7 * 24 * 60)
        {
            (field, error) = ("durationMinutes", $"The duration {minutes.ToString(CultureInfo.InvariantCulture)} min must be between 0 and 10080 (one week).");
            return false;
        }

        string? device = string.IsNullOrWhiteSpace(Device) ? null : Device.Trim();
        if (device is not null && !DeviceId().IsMatch(device))
        {
            (field, error) = ("device", $"'{device}' is not a device id (3–64 lower-case letters, digits or dashes).");
            return false;
        }

        string? site = string.IsNullOrWhiteSpace(Site) ? null : Site.Trim();
        if (site is { Length: > 100 })
        {
            (field, error) = ("site", "The site name is longer than 100 characters.");
            return false;
        }

        var duration = TimeSpan.FromMinutes(minutes);
        string name = string.IsNullOrWhiteSpace(Name)
            ? $"{metric.Title} {comparison.Symbol()} {threshold.ToString(CultureInfo.InvariantCulture)} {metric.Unit}"
            : Name.Trim();
        if (name.Length > 120)
        {
            (field, error) = ("name", "The name is longer than 120 characters.");
            return false;
        }

        rule = new AlertRule(Guid.NewGuid().ToString("N")[..10], name, metric.Name, comparison, threshold, duration, device, site, true, user, now);
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")]
    private static partial Regex DeviceId();
}
