using Xunit;

namespace SmartCity.TestServers;

/// <summary>
/// A fact that needs Debian's <c>mosquitto</c>. Without it the test is skipped with that reason; with CI=true it runs
/// anyway and fails (<see cref="MosquittoServer.StartAsync"/> throws), so CI cannot silently skip broker tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MosquittoFactAttribute : FactAttribute
{
    /// <summary>Skips when mosquitto is missing, except on CI.</summary>
    public MosquittoFactAttribute()
    {
        if (!MosquittoServer.IsCi && MosquittoServer.FindMosquitto() is null)
        {
            Skip = "mosquitto is not installed (apt-get install -y mosquitto mosquitto-clients).";
        }
    }
}
