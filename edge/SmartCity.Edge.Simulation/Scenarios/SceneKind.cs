namespace SmartCity.Edge.Simulation.Scenarios;

/// <summary>The road geometry a scenario plays on.</summary>
public enum SceneKind
{
    /// <summary>A four-approach signalised intersection (N/E/S/W, two lanes each way, crosswalks).</summary>
    Intersection,

    /// <summary>A straight road, three lanes each way plus cycle lanes and sidewalks, no signals.</summary>
    Road,
}
