namespace SmartCity.AirQuality.Indices;

/// <summary>The six bands of the EEA's European Air Quality Index, best first.</summary>
public enum EaqiBand
{
    /// <summary>Good.</summary>
    Good = 1,
    /// <summary>Fair.</summary>
    Fair = 2,
    /// <summary>Moderate.</summary>
    Moderate = 3,
    /// <summary>Poor.</summary>
    Poor = 4,
    /// <summary>Very poor.</summary>
    VeryPoor = 5,
    /// <summary>Extremely poor.</summary>
    ExtremelyPoor = 6,
}
