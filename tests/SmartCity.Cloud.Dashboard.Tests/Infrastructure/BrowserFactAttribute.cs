using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>
/// A test that drives Debian's Chromium (<c>/usr/bin/chromium</c>). Without it the test is skipped with that reason;
/// with CI=true it runs anyway and fails, so CI cannot silently skip the browser tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !File.Exists(BrowserFixture.ChromiumPath))
        {
            Skip = $"{BrowserFixture.ChromiumPath} is not installed (apt-get install chromium).";
        }
    }
}
