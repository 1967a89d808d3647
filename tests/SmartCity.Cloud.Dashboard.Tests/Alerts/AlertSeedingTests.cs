using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Alerts;
using SmartCity.Cloud.Dashboard.Registry;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Alerts;

/// <summary>After a restart, offline alerts and the registry start from what the store already holds.</summary>
public sealed class AlertSeedingTests
{
    [Fact]
    public async Task A_device_silent_in_the_store_is_offline_after_a_restart_and_its_model_is_in_the_registry()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset lastSeen = now.AddMinutes(-30);
        string model = "demo-traffic@1.0.0 sha256:" + ModelCatalog.Read(Path.Combine(H6Host.RepoRoot, "models", "demo-traffic", "model.json")).Sha256;
        IReadOnlyList<WirePayload> payloads = [AlertPayloads.Status("demo-edge-01", lastSeen, DeviceState.Online, model, lastSeen.AddMinutes(-5))];
        // SeedData has no public constructor for arbitrary payloads (its factory generates the standard seed).
        var seed = (SeedData)Activator.CreateInstance(typeof(SeedData), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, [now, 1, payloads], null)!;
        await using H6Host host = await H6Host.StartAsync(seed: seed);
        Assert.True(new AlertRuleRequest(null, AlertMetrics.OfflineMinutes, ">", 10, 0, null, null).TryCreate("ops", now, out AlertRule? rule, out _, out _));
        host.Services.GetRequiredService<AlertRuleStore>().Add(rule!);

        AlertEngine engine = host.Services.GetRequiredService<AlertEngine>();
        // The background service seeds from the store at start; poll until it has.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Active.Count == 0 && DateTime.UtcNow < deadline)
        {
            engine.CheckOffline(DateTimeOffset.UtcNow);
            await Task.Delay(100);
        }

        AlertRecord a = Assert.Single(engine.Active);
        Assert.Equal("demo-edge-01", a.Device);
        Assert.InRange(a.Value, 29, 40);

        ModelDeployment d = Assert.Single(host.Services.GetRequiredService<DeploymentTracker>().All);
        Assert.Equal(("demo-edge-01", model), (d.Device, d.ModelVersion));
    }
}
