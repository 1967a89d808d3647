using System.Net;
using System.Text.Json;
using SmartCity.Cloud.Dashboard.Registry;
using SmartCity.Cloud.Dashboard.Tests.Alerts;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Registry;

public sealed class RegistryTests
{
    private static readonly string DemoJson = Path.Combine(H6Host.RepoRoot, "models", "demo-traffic", "model.json");

    [Fact]
    public void Model_cards_are_read_from_the_files_the_agent_loads()
    {
        ModelCard card = ModelCatalog.Read(DemoJson);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(DemoJson));
        JsonElement root = doc.RootElement;
        Assert.Equal(root.GetProperty("name").GetString(), card.Name);
        Assert.Equal(root.GetProperty("version").GetString(), card.Version);
        Assert.Equal(root.GetProperty("sha256").GetString(), card.Sha256);
        Assert.Equal(root.GetProperty("licence").GetString(), card.Licence);
        Assert.Equal(root.GetProperty("card").GetProperty("intendedUse").GetString(), card.IntendedUse);
        Assert.Equal(root.GetProperty("classes").GetArrayLength(), card.Classes.Count);
        Assert.Equal(root.GetProperty("card").GetProperty("metrics").GetProperty("mAP50_synthetic_heldout").GetDouble(), card.Metrics["mAP50_synthetic_heldout"]);
        Assert.Contains("quantization", card.Details.Keys);
    }

    [Theory]
    [InlineData("demo-traffic@1.0.0 sha256:ABCDEF", "demo-traffic", "1.0.0", "abcdef")]
    [InlineData("demo-traffic@1.0.0", "demo-traffic", "1.0.0", null)]
    [InlineData("yolo11n-traffic@3", "yolo11n-traffic", "3", null)]
    [InlineData("plain-name", "plain-name", null, null)]
    public void Model_version_strings_are_parsed(string text, string name, string? version, string? sha)
    {
        ModelReference r = ModelReference.Parse(text)!;
        Assert.Equal((name, version, sha), (r.Name, r.Version, r.Sha256));
    }

    [Fact]
    public async Task The_public_registry_shows_cards_devices_since_when_and_flags_unknown_models()
    {
        await using H6Host host = await H6Host.StartAsync();
        ModelCard demo = ModelCatalog.Read(DemoJson);
        DateTimeOffset birth = new(2026, 2, 1, 5, 0, 0, TimeSpan.Zero);
        await host.PublishAsync(
            AlertPayloads.Status("demo-edge-01", birth.AddSeconds(3), DeviceState.Online, $"{demo.Name}@{demo.Version} sha256:{demo.Sha256}", birth),
            AlertPayloads.Status("junction-12-cam-a", birth.AddSeconds(5), DeviceState.Online, "demo-traffic@1.0.0 sha256:" + new string('0', 64), birth));
        // A later restart of the same model keeps "since" at the first start.
        await host.PublishAsync(AlertPayloads.Status("demo-edge-01", birth.AddDays(3), DeviceState.Online, $"{demo.Name}@{demo.Version} sha256:{demo.Sha256}", birth.AddDays(3)));

        using HttpClient anonymous = host.Client();
        using HttpResponseMessage api = await anonymous.GetAsync(new Uri("/api/v1/registry", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        JsonElement model = doc.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("card").GetProperty("name").GetString() == "demo-traffic");
        JsonElement deployment = Assert.Single(model.GetProperty("deployments").EnumerateArray());
        Assert.Equal("demo-edge-01", deployment.GetProperty("deployment").GetProperty("device").GetString());
        Assert.Equal(birth, deployment.GetProperty("deployment").GetProperty("since").GetDateTimeOffset());
        Assert.True(deployment.GetProperty("hashVerified").GetBoolean());
        JsonElement unknown = Assert.Single(doc.RootElement.GetProperty("unregisteredDeployments").EnumerateArray());
        Assert.Equal("junction-12-cam-a", unknown.GetProperty("device").GetString());
        Assert.Equal(host.Options.Registry.Department, doc.RootElement.GetProperty("department").GetString());
        Assert.Contains(doc.RootElement.GetProperty("dataLeavingDevices").EnumerateArray(), l => l.GetString()!.StartsWith("Never: camera frames", StringComparison.Ordinal));

        string html = await anonymous.GetStringAsync(new Uri("/registry", UriKind.Relative));
        Assert.Contains(demo.Sha256, html, StringComparison.Ordinal);
        Assert.Contains("2026-02-01 05:00", html, StringComparison.Ordinal);
        Assert.Contains("id=\"unregistered\"", html, StringComparison.Ordinal);

        // "since" survived in the data folder.
        string persisted = await File.ReadAllTextAsync(Path.Combine(host.Options.DataDirectory, "registry", "deployments.json"));
        Assert.Contains("2026-02-01T05:00:00", persisted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_name_is_a_problem_response()
    {
        await using H6Host host = await H6Host.StartAsync();
        using HttpClient client = host.Client();
        using HttpResponseMessage r = await client.GetAsync(new Uri("/api/v1/registry/models/no-such-model", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        using HttpResponseMessage ok = await client.GetAsync(new Uri("/api/v1/registry/models/demo-traffic", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
