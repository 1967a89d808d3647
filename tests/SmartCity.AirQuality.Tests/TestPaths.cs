namespace SmartCity.AirQuality.Tests;

/// <summary>Where the shared real data lives (beside the checkout, never inside it).</summary>
internal static class TestPaths
{
    /// <summary>The repository root, found by walking up to SmartCity.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("SmartCity.sln not found above the test binaries.");
        }
    }

    /// <summary>../shared/real-data/airquality relative to the repository root.</summary>
    public static string AirQualityData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "real-data", "airquality"));

    /// <summary>A file in the air-quality real-data folder.</summary>
    public static string Real(string fileName) => Path.Combine(AirQualityData, fileName);
}
