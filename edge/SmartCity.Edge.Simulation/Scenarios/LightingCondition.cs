namespace SmartCity.Edge.Simulation.Scenarios;

/// <summary>Time of day as the camera sees it.</summary>
public enum LightingCondition
{
    /// <summary>Daylight with sun shadows.</summary>
    Day,

    /// <summary>Low warm light, weaker contrast.</summary>
    Dusk,

    /// <summary>Dark ground and sky, street lamps, vehicle head and tail lights.</summary>
    Night,
}
