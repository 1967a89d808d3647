namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>What the public AI registry says about the operator (<see cref="DashboardOptions.Registry"/>).</summary>
public sealed class RegistrySettings
{
    /// <summary>The department responsible for the AI systems on the street.</summary>
    public string Department { get; set; } = "Department of Mobility and Environment";

    /// <summary>How the public reaches it (e-mail address or web page).</summary>
    public string Contact { get; set; } = "ai-registry@city.example";

    /// <summary>How long summaries are kept, in words; the default matches the embedded store's default retention (DuckDbStoreOptions.Retention, 400 days) — change both together.</summary>
    public string Retention { get; set; } =
        "Traffic, air-quality and health summaries: 400 days, then deleted (the store's retention); the latest status of each device is kept. Camera frames: never stored or transmitted.";

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Department) || string.IsNullOrWhiteSpace(Contact) || string.IsNullOrWhiteSpace(Retention))
        {
            throw new ArgumentException("DashboardOptions.Registry.Department, Contact and Retention must be set: the public registry states them.", nameof(Department));
        }
    }
}
