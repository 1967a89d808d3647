using System.Globalization;
using System.Net;
using System.Text.Json;
using SmartCity.Cloud.Dashboard.Tests.Alerts;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.OpenData;

public sealed class OpenDataTests
{
    // A fixed past day: 06:00–08:00 UTC.
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private const string Range = "from=2026-03-02T06:00:00Z&to=2026-03-02T08:00:00Z";

    private static async Task<H6Host> SeededAsync(Action<DashboardOptions>? configure = null)
    {
        H6Host host = await H6Host.StartAsync(configure);
        // Traffic: one-minute intervals 06:00–06:30 (cars 3, buses 1, pedestrians 2 each); nothing afterwards.
        for (int m = 1; m <= 30; m++)
        {
            await host.PublishAsync(AlertPayloads.Traffic("demo-edge-01", T0.AddMinutes(m), 10));
        }

        // Air: 10-minute intervals 06:00–08:00, PM2.5 20 in the first hour, 40 in the second, humidity 55 %.
        for (int m = 10; m <= 120; m += 10)
        {
            await host.PublishAsync(AlertPayloads.Air("demo-edge-01", T0.AddMinutes(m), 600, m <= 60 ? 20 : 40, humidity: 55, co2: 420));
        }

        return host;
    }

    [Fact]
    public async Task Traffic_csv_and_json_hold_the_15_minute_sums_and_leave_empty_bins_out()
    {
        await using H6Host host = await SeededAsync();
        using HttpClient client = host.Client();
        string csv = await client.GetStringAsync(new Uri("/api/open/v1/traffic.csv?" + Range, UriKind.Relative));
        string[] lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("start_utc,end_utc,device,site,camera,kind,line,direction,class,count", lines[0]);
        string[] cars = [.. lines.Where(l => l.Contains(",car,", StringComparison.Ordinal))];
        Assert.Equal(2, cars.Length); // 06:00 and 06:15 bins; 06:30–08:00 had no data: no rows, never zeros
        Assert.All(cars, l => Assert.EndsWith(",car,45", l, StringComparison.Ordinal)); // 15 intervals × 3 cars
        Assert.StartsWith("2026-03-02T06:00:00Z,2026-03-02T06:15:00Z,demo-edge-01,demo-intersection,cam-a,line,north-stop,in,car,45", cars[0], StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/open/v1/traffic.json?" + Range, UriKind.Relative)));
        Assert.Equal(lines.Length - 1, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal("PT15M", json.RootElement.GetProperty("bin").GetString());
    }

    [Fact]
    public async Task Air_csv_holds_hourly_means()
    {
        await using H6Host host = await SeededAsync();
        using HttpClient client = host.Client();
        string csv = await client.GetStringAsync(new Uri("/api/open/v1/air.csv?" + Range, UriKind.Relative));
        string[] pm = [.. csv.Split('\n').Where(l => l.Contains(",pm25,", StringComparison.Ordinal))];
        Assert.Equal(2, pm.Length);
        Assert.EndsWith(",20", pm[0], StringComparison.Ordinal);
        Assert.EndsWith(",40", pm[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fiware_traffic_flow_observed_uses_the_model_attribute_names()
    {
        await using H6Host host = await SeededAsync();
        using HttpClient client = host.Client();
        using HttpResponseMessage r = await client.GetAsync(new Uri("/api/open/v1/fiware/TrafficFlowObserved?" + Range, UriKind.Relative));
        Assert.Equal("application/ld+json", r.Content.Headers.ContentType!.MediaType);
        using JsonDocument doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        JsonElement e = doc.RootElement[0];
        Assert.Equal("TrafficFlowObserved", e.GetProperty("type").GetString());
        Assert.StartsWith("urn:ngsi-ld:TrafficFlowObserved:demo-edge-01:", e.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Property", e.GetProperty("intensity").GetProperty("type").GetString());
        Assert.Equal(60, e.GetProperty("intensity").GetProperty("value").GetInt32()); // (3 cars + 1 bus) × 15; pedestrians are not vehicles
        Assert.Equal("2026-03-02T06:00:00Z/2026-03-02T06:15:00Z", e.GetProperty("dateObserved").GetProperty("value").GetString());
        Assert.Equal("2026-03-02T06:00:00Z", e.GetProperty("dateObservedFrom").GetProperty("value").GetProperty("@value").GetString());
        Assert.Equal("forward", e.GetProperty("laneDirection").GetProperty("value").GetString());
        Assert.Equal("GeoProperty", e.GetProperty("location").GetProperty("type").GetString());
        Assert.Equal(13.405, e.GetProperty("location").GetProperty("value").GetProperty("coordinates")[0].GetDouble());
        Assert.Contains("dataModel.Transportation", e.GetProperty("@context")[0].GetString(), StringComparison.Ordinal);

        using JsonDocument cars = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/open/v1/fiware/TrafficFlowObserved?options=keyValues&vehicleType=car&" + Range, UriKind.Relative)));
        Assert.Equal(45, cars.RootElement[0].GetProperty("intensity").GetInt32());
        Assert.Equal("car", cars.RootElement[0].GetProperty("vehicleType").GetString());
        using JsonDocument trucks = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/open/v1/fiware/TrafficFlowObserved?vehicleType=truck&" + Range, UriKind.Relative)));
        Assert.Equal(0, trucks.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Fiware_air_quality_observed_has_pm25_humidity_as_a_fraction_and_the_nowcast_index()
    {
        await using H6Host host = await SeededAsync();
        using HttpClient client = host.Client();
        using JsonDocument doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/open/v1/fiware/AirQualityObserved?" + Range, UriKind.Relative)));
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        JsonElement second = doc.RootElement[1];
        Assert.Equal("AirQualityObserved", second.GetProperty("type").GetString());
        Assert.Equal("2026-03-02T08:00:00Z", second.GetProperty("dateObserved").GetProperty("value").GetString());
        Assert.Equal(40, second.GetProperty("pm25").GetProperty("value").GetDouble());
        Assert.Equal("GQ", second.GetProperty("pm25").GetProperty("unitCode").GetString());
        Assert.Equal(0.55, second.GetProperty("relativeHumidity").GetProperty("value").GetDouble());
        Assert.Equal(420, second.GetProperty("co2").GetProperty("value").GetDouble());
        // NowCast over hours 20 and 40 µg/m³: w = 0.5 → (40 + 0.5·20)/1.5 = 33.3 µg/m³ → AQI 96 (moderate, 2024 table).
        Assert.Equal(96, second.GetProperty("airQualityIndex").GetProperty("value").GetInt32());
        Assert.Equal("moderate", second.GetProperty("airQualityLevel").GetProperty("value").GetString());
        Assert.Equal("urn:ngsi-ld:Device:demo-edge-01", second.GetProperty("refDevice").GetProperty("object").GetString());
        Assert.False(doc.RootElement[0].TryGetProperty("airQualityIndex", out _)); // one hour is not enough for NowCast
    }

    [Theory]
    [InlineData("/api/open/v1/traffic.csv?from=yesterday", 400, "from")]
    [InlineData("/api/open/v1/traffic.csv?from=2026-03-02T08:00:00Z&to=2026-03-02T06:00:00Z", 400, "from")]
    [InlineData("/api/open/v1/traffic.json?device=no-such-device", 404, "device")]
    [InlineData("/api/open/v1/air.json?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", 413, "from")]
    [InlineData("/api/open/v1/fiware/TrafficFlowObserved?vehicleType=tank", 400, "vehicleType")]
    public async Task Bad_requests_get_problem_details_naming_the_field(string url, int status, string field)
    {
        await using H6Host host = await H6Host.StartAsync();
        using HttpClient client = host.Client();
        using HttpResponseMessage r = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        using JsonDocument p = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(field, p.RootElement.GetProperty("field").GetString());
        Assert.DoesNotContain("   at ", p.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_answers_are_refused_with_413_and_a_way_out()
    {
        await using H6Host host = await SeededAsync(o => o.MaxCsvRows = 3);
        using HttpClient client = host.Client();
        using HttpResponseMessage r = await client.GetAsync(new Uri("/api/open/v1/traffic.csv?" + Range, UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Contains("shorter time range", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_data_is_rate_limited_per_address()
    {
        await using H6Host host = await H6Host.StartAsync(o => o.Auth.OpenDataPermitsPerWindow = 3);
        using HttpClient client = host.Client();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/open/v1/air.json", UriKind.Relative))).StatusCode);
        }

        using HttpResponseMessage r = await client.GetAsync(new Uri("/api/open/v1/traffic.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
        Assert.True(int.Parse(r.Headers.GetValues("Retry-After").First(), CultureInfo.InvariantCulture) > 0);
    }
}
