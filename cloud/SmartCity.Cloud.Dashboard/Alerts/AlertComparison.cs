using System.Text.Json.Serialization;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>How a rule compares the metric with its threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertComparison>))]
public enum AlertComparison
{
    /// <summary>value &gt; threshold.</summary>
    Above,

    /// <summary>value ≥ threshold.</summary>
    AtOrAbove,

    /// <summary>value &lt; threshold.</summary>
    Below,

    /// <summary>value ≤ threshold.</summary>
    AtOrBelow,
}

/// <summary>Evaluating and writing <see cref="AlertComparison"/>.</summary>
public static class AlertComparisons
{
    /// <summary>True when <paramref name="value"/> meets the condition.</summary>
    public static bool Holds(this AlertComparison comparison, double value, double threshold) => comparison switch
    {
        AlertComparison.Above => value > threshold,
        AlertComparison.AtOrAbove => value >= threshold,
        AlertComparison.Below => value < threshold,
        AlertComparison.AtOrBelow => value <= threshold,
        _ => false,
    };

    /// <summary>The operator symbol: &gt;, ≥, &lt;, ≤.</summary>
    public static string Symbol(this AlertComparison comparison) => comparison switch
    {
        AlertComparison.Above => ">",
        AlertComparison.AtOrAbove => "≥",
        AlertComparison.Below => "<",
        AlertComparison.AtOrBelow => "≤",
        _ => "?",
    };

    /// <summary>Parses "&gt;", "&gt;=", "&lt;", "&lt;=" or the enum name.</summary>
    public static bool TryParse(string? text, out AlertComparison comparison)
    {
        switch (text?.Trim())
        {
            case ">": comparison = AlertComparison.Above; return true;
            case ">=" or "≥": comparison = AlertComparison.AtOrAbove; return true;
            case "<": comparison = AlertComparison.Below; return true;
            case "<=" or "≤": comparison = AlertComparison.AtOrBelow; return true;
            default: return Enum.TryParse(text, ignoreCase: true, out comparison) && Enum.IsDefined(comparison);
        }
    }
}
