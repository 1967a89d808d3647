using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The theory form of <see cref="InfluxFactAttribute"/>: skipped without influxd, failing instead with CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InfluxTheoryAttribute : TheoryAttribute
{
    public InfluxTheoryAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && InfluxServer.FindInfluxd() is null)
        {
            Skip = "influxd is not installed (apt-get install influxdb).";
        }
    }
}
