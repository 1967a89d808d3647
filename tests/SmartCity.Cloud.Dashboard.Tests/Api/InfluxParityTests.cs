using System.Globalization;
using System.Net;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Cloud.Storage.Influx;
using SmartCity.Cloud.Storage.Tests;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Api;

/// <summary>The same seeded city on a real InfluxDB (Debian's influxd) gives the same API answers as on the embedded DuckDB store.</summary>
public sealed class InfluxParityTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    [InfluxFact]
    public async Task Traffic_air_and_fleet_answers_match_the_embedded_store()
    {
        SeedData seed = SeedData.Generate(DateTimeOffset.UtcNow);
        InfluxServer server = await influx.GetAsync();
        await using DashboardTestHost duck = await DashboardTestHost.StartAsync(new DashboardTestHostOptions { Seed = seed });
        await using DashboardTestHost flux = await DashboardTestHost.StartAsync(new DashboardTestHostOptions
        {
            Seed = seed,
            Store = async (_, sites) => await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions
            {
                ServerUri = server.Uri, Database = $"dash{Guid.NewGuid():N}", DeviceSites = sites, Retention = null,
            }),
        });

        string range = $"from={Iso(seed.Start)}&to={Iso(seed.End)}";
        foreach (string url in new[]
        {
            $"api/v1/traffic?site=river-junction&{range}",
            $"api/v1/traffic?device={SeedData.North2}&{range}&group=line",
            $"api/v1/traffic?{range}&kind=movement&group=direction&bin=1h",
            $"api/v1/traffic.csv?device={SeedData.North1}&{range}",
            $"api/v1/air?device={SeedData.North1}&{range}",
            $"api/v1/devices/{SeedData.North1}/health?{range}",
        })
        {
            Assert.Equal(await GetAsync(duck, url), await GetAsync(flux, url));
        }

        // The fleet view carries "seconds ago" computed at request time; compare it without those.
        string Strip(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"(now|lastSeenAgoS)\":[^,}]*", "");
        Assert.Equal(Strip(await GetAsync(duck, "api/v1/fleet")), Strip(await GetAsync(flux, "api/v1/fleet")));
    }

    private static async Task<string> GetAsync(DashboardTestHost host, string url)
    {
        using HttpResponseMessage r = await host.Client.GetAsync(new Uri(url, UriKind.Relative));
        string body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url} → {(int)r.StatusCode}: {body}");
        return body;
    }

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
