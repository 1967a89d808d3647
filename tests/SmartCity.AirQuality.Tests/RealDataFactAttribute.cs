using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// A fact that needs ../shared/real-data/airquality. Without it the test is skipped with that reason; with
/// CI=true it runs anyway and fails on the missing files, so CI cannot silently skip it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !Directory.Exists(TestPaths.AirQualityData))
        {
            Skip = $"Real data folder {TestPaths.AirQualityData} is missing (it sits beside the repository; see its README).";
        }
    }
}
