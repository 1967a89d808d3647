namespace SmartCity.Edge.Agent.Tests;

/// <summary>Paths to the repository and to the shared real data beside it.</summary>
internal static class TestData
{
    public static string RepositoryRoot { get; } = AgentConfigurationTests.RepositoryRoot();

    /// <summary>The shared real-data folder (beside the checkout), or null when this clone has none.</summary>
    public static string? RealData
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "real-data"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>True when running in CI, where missing real data is a failure rather than a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string DemoModel => Path.Combine(RepositoryRoot, "models", "demo-traffic");
}
