namespace SmartCity.AirQuality.Indices;

/// <summary>Which edition of the EEA's band thresholds to apply.</summary>
public enum EaqiVersion
{
    /// <summary>
    /// The bands revised by the EEA in 2024 to follow the WHO 2021 air quality guidelines (ETC HE Report
    /// 2024/17, "EEA's revision of the European Air Quality Index bands"; airindex.eea.europa.eu). Hourly
    /// concentrations of all five pollutants. The default.
    /// </summary>
    Revised2024,

    /// <summary>
    /// The bands in use from 2017 until the 2024 revision (PM as 24-hour running means, gases hourly). Kept to
    /// compare with archived EEA index values.
    /// </summary>
    Original2017,
}
