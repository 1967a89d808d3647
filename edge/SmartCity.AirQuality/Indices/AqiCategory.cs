namespace SmartCity.AirQuality.Indices;

/// <summary>The six US AQI categories (EPA-454/B-24-002, May 2024, Table 1).</summary>
public enum AqiCategory
{
    /// <summary>AQI 0–50, green.</summary>
    Good,
    /// <summary>AQI 51–100, yellow.</summary>
    Moderate,
    /// <summary>AQI 101–150, orange.</summary>
    UnhealthyForSensitiveGroups,
    /// <summary>AQI 151–200, red.</summary>
    Unhealthy,
    /// <summary>AQI 201–300, purple.</summary>
    VeryUnhealthy,
    /// <summary>AQI 301 and above, maroon.</summary>
    Hazardous,
}
