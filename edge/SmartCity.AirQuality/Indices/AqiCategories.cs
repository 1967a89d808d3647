namespace SmartCity.AirQuality.Indices;

/// <summary>
/// Names, index ranges and official colours of the US AQI categories.
/// Colours: EPA-454/B-24-002 (May 2024), Table 2 "Standard AQI color formulas" (RGB 0,228,0 · 255,255,0 ·
/// 255,126,0 · 255,0,0 · 143,63,151 · 126,0,35).
/// </summary>
public static class AqiCategories
{
    /// <summary>The category an (already rounded) AQI value falls in.</summary>
    public static AqiCategory FromIndex(int index) => index switch
    {
        <= 50 => AqiCategory.Good,
        <= 100 => AqiCategory.Moderate,
        <= 150 => AqiCategory.UnhealthyForSensitiveGroups,
        <= 200 => AqiCategory.Unhealthy,
        <= 300 => AqiCategory.VeryUnhealthy,
        _ => AqiCategory.Hazardous,
    };

    /// <summary>The category's name as the EPA prints it.</summary>
    public static string DisplayName(this AqiCategory category) => category switch
    {
        AqiCategory.Good => "Good",
        AqiCategory.Moderate => "Moderate",
        AqiCategory.UnhealthyForSensitiveGroups => "Unhealthy for Sensitive Groups",
        AqiCategory.Unhealthy => "Unhealthy",
        AqiCategory.VeryUnhealthy => "Very Unhealthy",
        AqiCategory.Hazardous => "Hazardous",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown AQI category."),
    };

    /// <summary>Official colour as "#RRGGBB".</summary>
    public static string HexColor(this AqiCategory category) => category switch
    {
        AqiCategory.Good => "#00E400",
        AqiCategory.Moderate => "#FFFF00",
        AqiCategory.UnhealthyForSensitiveGroups => "#FF7E00",
        AqiCategory.Unhealthy => "#FF0000",
        AqiCategory.VeryUnhealthy => "#8F3F97",
        AqiCategory.Hazardous => "#7E0023",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown AQI category."),
    };

    /// <summary>Lowest AQI value of the category.</summary>
    public static int LowIndex(this AqiCategory category) => category switch
    {
        AqiCategory.Good => 0,
        AqiCategory.Moderate => 51,
        AqiCategory.UnhealthyForSensitiveGroups => 101,
        AqiCategory.Unhealthy => 151,
        AqiCategory.VeryUnhealthy => 201,
        AqiCategory.Hazardous => 301,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown AQI category."),
    };

    /// <summary>Highest AQI value of the category (500 for Hazardous, the top of the scale).</summary>
    public static int HighIndex(this AqiCategory category) => category switch
    {
        AqiCategory.Good => 50,
        AqiCategory.Moderate => 100,
        AqiCategory.UnhealthyForSensitiveGroups => 150,
        AqiCategory.Unhealthy => 200,
        AqiCategory.VeryUnhealthy => 300,
        AqiCategory.Hazardous => 500,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown AQI category."),
    };
}
