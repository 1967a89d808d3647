namespace SmartCity.Edge.Agent.Configuration;

/// <summary>The synthetic camera: which scenario and seed.</summary>
public sealed class SyntheticSourceSettings
{
    /// <summary>Scenario preset name (see <c>ScenarioCatalog</c>).</summary>
    public string Scenario { get; set; } = "light";

    /// <summary>Seed; null takes the scenario's own.</summary>
    public int? Seed { get; set; }
}
