using System.Net;
using System.Text.Json;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Registry;

/// <summary>The H6 endpoints are in the OpenAPI document (and the document still generates with them).</summary>
public sealed class H6OpenApiTests
{
    [Fact]
    public async Task Alerts_registry_open_data_and_device_config_are_described()
    {
        await using H6Host host = await H6Host.StartAsync();
        using HttpClient client = host.Client();
        using HttpResponseMessage r = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        JsonElement paths = doc.RootElement.GetProperty("paths");
        foreach (string p in new[]
        {
            "/api/v1/alerts", "/api/v1/alerts/rules", "/api/v1/alerts/rules/{id}", "/api/v1/registry", "/api/v1/registry/models/{name}",
            "/api/open/v1/traffic.csv", "/api/open/v1/traffic.json", "/api/open/v1/air.csv", "/api/open/v1/air.json",
            "/api/open/v1/fiware/TrafficFlowObserved", "/api/open/v1/fiware/AirQualityObserved",
            "/api/v1/devices/{id}/config", "/api/v1/devices/{id}/snapshot", "/api/v1/admin/audit", "/api/v1/me",
        })
        {
            Assert.True(paths.TryGetProperty(p, out _), $"{p} is missing from the OpenAPI document");
        }

        Assert.True(paths.GetProperty("/api/v1/devices/{id}/config").TryGetProperty("put", out _));
        Assert.False(paths.TryGetProperty("/login", out _)); // pages are not API
    }
}
