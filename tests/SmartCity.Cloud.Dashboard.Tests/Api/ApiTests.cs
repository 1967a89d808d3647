using System.Globalization;
using System.Net;
using System.Text.Json;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Api;

/// <summary>The JSON API against the seeded store: values as seeded, gaps as null, fleet states as the rules say.</summary>
public sealed class ApiTests(DashboardHostFixture fixture) : IClassFixture<DashboardHostFixture>
{
    private DashboardTestHost Host => fixture.Host;

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using HttpResponseMessage r = await Host.Client.GetAsync(new Uri(url, UriKind.Relative));
        string body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url} → {(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static double?[] Values(JsonElement series) =>
        series.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    [Fact]
    public async Task Fleet_shows_states_last_seen_health_and_versions()
    {
        JsonElement fleet = await GetJsonAsync("api/v1/fleet");
        var devices = fleet.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);
        Assert.Equal(4, devices.Count);
        Assert.Equal("online", devices[SeedData.North1].GetProperty("state").GetString());
        Assert.Equal("offline", devices[SeedData.East1].GetProperty("state").GetString());
        Assert.Contains("last will", devices[SeedData.East1].GetProperty("stateReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("unknown", devices[SeedData.Spare].GetProperty("state").GetString());
        Assert.Equal((2, 1, 1), (fleet.GetProperty("online").GetInt32(), fleet.GetProperty("offline").GetInt32(), fleet.GetProperty("unknown").GetInt32()));

        HealthPayload last = Host.Seed.Payloads.OfType<HealthPayload>().Last(h => h.Device == SeedData.North1);
        JsonElement n1 = devices[SeedData.North1];
        Assert.Equal(last.Ts, n1.GetProperty("lastSeen").GetDateTimeOffset());
        JsonElement health = n1.GetProperty("health");
        Assert.Equal(last.Cameras[0].Fps, health.GetProperty("fps").GetDouble(), 6);
        Assert.Equal(last.Cameras[0].InferenceMsMean!.Value, health.GetProperty("inferenceMs").GetDouble(), 6);
        Assert.Equal(last.Cameras[0].FramesDropped, health.GetProperty("framesDropped").GetInt64());
        Assert.Equal(last.OutboxDepth, health.GetProperty("outboxDepth").GetInt64());
        Assert.Equal(last.CpuTemperatureC!.Value, health.GetProperty("cpuTemperatureC").GetDouble(), 6);
        Assert.Equal(("0.5.0", "demo-traffic 2"), (n1.GetProperty("agentVersion").GetString(), n1.GetProperty("modelVersion").GetString()));
        Assert.Equal(52.52, n1.GetProperty("latitude").GetDouble(), 6);
    }

    [Fact]
    public async Task Health_history_follows_the_seeded_health_intervals()
    {
        SeedData seed = Host.Seed;
        JsonElement h = await GetJsonAsync($"api/v1/devices/{SeedData.North1}/health?from={Iso(seed.Start)}&to={Iso(seed.End)}");
        Assert.Equal(("15m", 900), (h.GetProperty("bin").GetString(), h.GetProperty("binSeconds").GetInt32()));
        double?[] cpu = h.GetProperty("cpuTemperatureC").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
        double?[] expected = new double?[cpu.Length];
        foreach (HealthPayload p in seed.Payloads.OfType<HealthPayload>().Where(p => p.Device == SeedData.North1))
        {
            expected[SeedExpectations.BinOf(seed.Start, p.Ts)] = p.CpuTemperatureC;
        }

        Assert.Equal(expected, cpu);
    }

    [Fact]
    public async Task Traffic_counts_per_class_equal_the_seeded_sums_and_gaps_are_null()
    {
        SeedData seed = Host.Seed;
        int bins = (int)((seed.End - seed.Start).Ticks / TimeSpan.FromMinutes(15).Ticks);
        JsonElement view = await GetJsonAsync($"api/v1/traffic?device={SeedData.North2}&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        Assert.Equal(bins, view.GetProperty("binCount").GetInt32());
        Assert.Equal("crossings / 15 min", view.GetProperty("unit").GetString());
        var series = view.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        double?[] expected = SeedExpectations.LineCounts(seed, seed.Start, bins, "car", SeedData.North2);
        Assert.Equal(expected, Values(series["car"]));
        // The no-data stretch (6..4 h before the end) and the silent hour (3..2 h) are gaps, not zeros.
        Assert.Null(Values(series["car"])[bins - 20]);
        Assert.Null(Values(series["car"])[bins - 10]);
        Assert.NotNull(Values(series["car"])[bins - 1]);
        Assert.Equal(expected.Sum(v => v ?? 0), series["car"].GetProperty("total").GetDouble());

        JsonElement site = await GetJsonAsync($"api/v1/traffic?site=river-junction&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        var siteSeries = site.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal(SeedExpectations.LineCounts(seed, seed.Start, bins, "bus", SeedData.North1, SeedData.North2), Values(siteSeries["bus"]));
        // While North2 had no data, half the site's cameras reported.
        Assert.Equal(0.5, site.GetProperty("coverage")[bins - 20].GetDouble());
        Assert.Equal(1.0, site.GetProperty("coverage")[bins - 1].GetDouble());
    }

    [Fact]
    public async Task Turning_movement_table_has_the_peak_hour_and_phf_of_the_seeded_movements()
    {
        SeedData seed = Host.Seed;
        int bins = (int)((seed.End - seed.Start).Ticks / TimeSpan.FromMinutes(15).Ticks);
        JsonElement view = await GetJsonAsync($"api/v1/traffic?device={SeedData.North1}&from={Iso(seed.Start)}&to={Iso(seed.End)}&kind=movement");
        JsonElement table = Assert.Single(view.GetProperty("detail").GetProperty("turning").EnumerateArray());

        var movements = seed.Payloads.OfType<TrafficSummaryPayload>().Where(t => t.Device == SeedData.North1).ToList();
        var perBin = new long[bins];
        var north = new long[bins];
        foreach (TrafficSummaryPayload t in movements)
        {
            int b = SeedExpectations.BinOf(seed.Start, t.Ts);
            perBin[b] += t.Movements!.Sum(m => m.Count);
            north[b] += t.Movements!.Where(m => m.From == "north").Sum(m => m.Count);
        }

        int peak = Enumerable.Range(0, bins - 3).MaxBy(b => perBin[b] + perBin[b + 1] + perBin[b + 2] + perBin[b + 3]);
        long volume = perBin[peak] + perBin[peak + 1] + perBin[peak + 2] + perBin[peak + 3];
        long max15 = perBin.Skip(peak).Take(4).Max();
        Assert.Equal(seed.Start + TimeSpan.FromMinutes(15 * peak), table.GetProperty("peakHourStart").GetDateTimeOffset());
        Assert.Equal(volume, table.GetProperty("peakHourVolume").GetInt64());
        Assert.Equal(Math.Round(volume / (4.0 * max15), 3), table.GetProperty("phf").GetDouble(), 6);

        JsonElement northRow = table.GetProperty("approaches").EnumerateArray().Single(a => a.GetProperty("approach").GetString() == "north");
        long northPeak = north.Skip(peak).Take(4).Sum();
        Assert.Equal(northPeak, northRow.GetProperty("peakHourTotal").GetInt64());
        Assert.Equal(Math.Round(northPeak / (4.0 * north.Skip(peak).Take(4).Max()), 3), northRow.GetProperty("phf").GetDouble(), 6);
        Assert.Equal(north.Sum(), northRow.GetProperty("rangeTotal").GetInt64());
        long left = movements.Where(t => { int b = SeedExpectations.BinOf(seed.Start, t.Ts); return b >= peak && b < peak + 4; })
            .Sum(t => t.Movements!.Where(m => m.From == "north" && m.Kind == TurnKind.Left).Sum(m => m.Count));
        Assert.Equal(left, northRow.GetProperty("left").GetInt64());
    }

    [Fact]
    public async Task Queues_and_speeds_follow_the_seeded_intervals()
    {
        SeedData seed = Host.Seed;
        JsonElement view = await GetJsonAsync($"api/v1/traffic?device={SeedData.North1}&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        JsonElement detail = view.GetProperty("detail");
        Assert.Equal("m", detail.GetProperty("queueUnit").GetString());
        double?[] queue = Values(Assert.Single(detail.GetProperty("queues").EnumerateArray()));
        double?[] speed = Values(Assert.Single(detail.GetProperty("speeds").EnumerateArray()));
        foreach (TrafficSummaryPayload t in seed.Payloads.OfType<TrafficSummaryPayload>().Where(t => t.Device == SeedData.North1))
        {
            int b = SeedExpectations.BinOf(seed.Start, t.Ts);
            Assert.Equal(t.Queues![0].MaxM, queue[b]);
            Assert.Equal(t.Speeds![0].MeanKmh, speed[b]);
        }
    }

    [Fact]
    public async Task Csv_export_is_the_chart_as_on_screen()
    {
        SeedData seed = Host.Seed;
        string query = $"device={SeedData.North2}&from={Iso(seed.Start)}&to={Iso(seed.End)}&group=class";
        JsonElement view = await GetJsonAsync("api/v1/traffic?" + query);
        using HttpResponseMessage r = await Host.Client.GetAsync(new Uri("api/v1/traffic.csv?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/csv", r.Content.Headers.ContentType!.MediaType);
        string[] lines = (await r.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.StartsWith("#", lines[0], StringComparison.Ordinal);
        string[] header = lines[1].Split(',');
        var series = view.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(series.Select(s => s.GetProperty("label").GetString()), header.Skip(2).Take(series.Count));
        Assert.Equal(view.GetProperty("binCount").GetInt32(), lines.Length - 2);
        for (int b = 0; b < lines.Length - 2; b++)
        {
            string[] cells = lines[b + 2].Split(',');
            Assert.Equal((seed.Start + TimeSpan.FromMinutes(15 * b)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), cells[0]);
            for (int s = 0; s < series.Count; s++)
            {
                double? v = Values(series[s])[b];
                Assert.Equal(v is null ? "" : v.Value.ToString("0.##", CultureInfo.InvariantCulture), cells[2 + s]);
            }
        }
    }

    [Fact]
    public async Task Air_charts_flags_indices_and_exceedances_come_from_the_seeded_air()
    {
        SeedData seed = Host.Seed;
        int bins = (int)((seed.End - seed.Start).Ticks / TimeSpan.FromMinutes(15).Ticks);
        JsonElement view = await GetJsonAsync($"api/v1/air?device={SeedData.North1}&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        var charts = view.GetProperty("charts").EnumerateArray().ToDictionary(c => c.GetProperty("quantity").GetString()!);
        Assert.Equal(["pm25", "pm10", "co2", "temperature", "relative_humidity"], charts.Keys);
        Assert.Equal("µg/m³", charts["pm25"].GetProperty("unit").GetString());
        Assert.Equal(SeedExpectations.Air(seed, seed.Start, bins, SeedData.North1, QuantityNames.Pm25), Values(Assert.Single(charts["pm25"].GetProperty("series").EnumerateArray())));
        Assert.Equal(SeedExpectations.Air(seed, seed.Start, bins, SeedData.North1, QuantityNames.Co2), Values(Assert.Single(charts["co2"].GetProperty("series").EnumerateArray())));

        var flagged = charts["pm25"].GetProperty("flags").EnumerateArray().ToDictionary(f => f.GetProperty("bin").GetInt32());
        Assert.Equal(["warm_up"], flagged[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["humidity_above_sensor_range"], flagged[5].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(Enumerable.Range(0, bins).Count(k => k == 0 || k % 37 == 5), flagged.Count);

        // US AQI from the NowCast of the last 12 complete hours, recomputed here with the air-quality library.
        JsonElement current = Assert.Single(view.GetProperty("current").EnumerateArray());
        DateTimeOffset hourEnd = Storage.Queries.BinWidths.FloorToBin(Storage.Queries.BinWidth.Hour, DateTimeOffset.UtcNow);
        var hourly = new double[12];
        for (int h = 0; h < 12; h++)
        {
            DateTimeOffset hs = hourEnd - TimeSpan.FromHours(h + 1);
            var inHour = seed.Payloads.OfType<AirSummaryPayload>()
                .Where(a => a.Device == SeedData.North1 && a.Ts - TimeSpan.FromSeconds(a.IntervalS) >= hs && a.Ts - TimeSpan.FromSeconds(a.IntervalS) < hs + TimeSpan.FromHours(1))
                .Select(a => a.Quantities.First(q => q.Quantity == QuantityNames.Pm25).Mean!.Value).ToList();
            hourly[h] = inHour.Count == 0 ? double.NaN : inHour.Average();
        }

        Assert.True(AirQuality.Indices.NowCast.TryComputeAqi(AirQuality.Indices.AqiPollutant.Pm25, hourly, out AirQuality.Indices.AqiResult pm25Aqi));
        JsonElement us = current.GetProperty("usAqi");
        Assert.True(us.GetProperty("value").GetInt32() >= pm25Aqi.Index);
        Assert.Equal(AirQuality.Indices.AqiCategories.HexColor(AirQuality.Indices.AqiCategories.FromIndex(us.GetProperty("value").GetInt32())), us.GetProperty("color").GetString());
        Assert.NotEqual(JsonValueKind.Null, current.GetProperty("eaqi").ValueKind);

        JsonElement ex = Assert.Single(view.GetProperty("exceedances").EnumerateArray());
        Assert.Contains(ex.GetProperty("limits").EnumerateArray(), l => l.GetProperty("label").GetString()!.StartsWith("PM10 daily 50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Openapi_document_lists_the_dashboard_api()
    {
        JsonElement doc = await GetJsonAsync("openapi/v1.json");
        JsonElement paths = doc.GetProperty("paths");
        foreach (string p in new[] { "/api/v1/fleet", "/api/v1/devices", "/api/v1/devices/{id}", "/api/v1/devices/{id}/health", "/api/v1/traffic", "/api/v1/traffic.csv", "/api/v1/air", "/api/v1/live" })
        {
            Assert.True(paths.TryGetProperty(p, out _), $"OpenAPI lacks {p}");
        }
    }

    [Fact]
    public async Task Pages_carry_the_live_generation_and_the_stream_hello_says_what_was_published_since()
    {
        using HttpResponseMessage page = await Host.Client.GetAsync(new Uri("traffic", UriKind.Relative));
        string html = await page.Content.ReadAsStringAsync();
        System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(html, "id=\"live-indicator\"[^>]*data-generation=\"(\\d+)\"");
        Assert.True(m.Success, "the live indicator has no data-generation");
        long rendered = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(Host.LiveFeed.Generation, rendered);

        // Anything published after the page was rendered (a batch or a feature event) shows in the next hello.
        Host.LiveFeed.PublishEvent("test-ping", new { n = 1 });
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/live");
        using HttpResponseMessage live = await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var reader = new StreamReader(await live.Content.ReadAsStreamAsync());
        var hello = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line && line.Length > 0)
        {
            hello.Add(line);
        }

        Assert.Contains("event: hello", hello);
        string data = Assert.Single(hello, l => l.StartsWith("data: ", StringComparison.Ordinal));
        Assert.Equal(rendered + 1, JsonDocument.Parse(data["data: ".Length..]).RootElement.GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Assets_are_served_locally_with_etags()
    {
        using HttpResponseMessage js = await Host.Client.GetAsync(new Uri("assets/dashboard.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "assets/dashboard.js");
        again.Headers.IfNoneMatch.Add(js.Headers.ETag!);
        using HttpResponseMessage notModified = await Host.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using HttpResponseMessage page = await Host.Client.GetAsync(new Uri("traffic", UriKind.Relative));
        string html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("https://", html.Replace("https://www.rfc-editor.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
