namespace SmartCity.AirQuality;

/// <summary>An ambient air pollutant regulated by the EU and indexed by the EEA. Concentrations in µg/m³ (CO in mg/m³).</summary>
public enum Pollutant
{
    /// <summary>Fine particulate matter, PM2.5.</summary>
    Pm25,
    /// <summary>Particulate matter, PM10.</summary>
    Pm10,
    /// <summary>Nitrogen dioxide.</summary>
    No2,
    /// <summary>Ozone.</summary>
    O3,
    /// <summary>Sulphur dioxide.</summary>
    So2,
    /// <summary>Carbon monoxide (mg/m³).</summary>
    Co,
}
