using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>
/// A fact that needs Debian's <c>influxd</c> (package influxdb). Without it the test is skipped with that reason;
/// with CI=true it runs anyway and fails, so CI cannot silently skip the InfluxDB tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InfluxFactAttribute : FactAttribute
{
    public InfluxFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && InfluxServer.FindInfluxd() is null)
        {
            Skip = "influxd is not installed (apt-get install influxdb).";
        }
    }
}
