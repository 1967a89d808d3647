using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Contracts;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Dashboard.Tests.Browser;

/// <summary>
/// Each page in Debian's Chromium: the charts are read back from the page (data-values of the SVG paths, data attributes
/// of table cells and map markers) and compared with the seeded data; screenshots are saved as artifacts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Dictionary<IPage, List<string>> _errors = [];
    private DashboardTestHost _host = null!;

    /// <summary>Closes the page after checking that its scripts raised no error.</summary>
    private async Task FinishAsync(IPage page)
    {
        List<string> errors = _errors[page];
        await page.CloseAsync();
        Assert.True(errors.Count == 0, "Browser errors: " + string.Join(" | ", errors));
    }

    public async Task InitializeAsync() => _host = await DashboardTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Url(string path) => new Uri(_host.BaseAddress, path).ToString();

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private async Task<IPage> OpenAsync(string path)
    {
        IPage page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        IResponse? response = await page.GotoAsync(Url(path));
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{path} → {response.Status}");
        _errors[page] = errors;
        return page;
    }

    private async Task ShotAsync(IPage page, string name) => output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, name));

    [BrowserFact]
    public async Task Fleet_page_shows_each_device_state_in_the_table_and_on_the_site_map()
    {
        IPage page = await OpenAsync("fleet");
        Assert.Equal("online", await page.GetAttributeAsync($"#fleet-table tr[data-device='{SeedData.North1}']", "data-state"));
        Assert.Equal("offline", await page.GetAttributeAsync($"#fleet-table tr[data-device='{SeedData.East1}']", "data-state"));
        Assert.Equal("unknown", await page.GetAttributeAsync($"#fleet-table tr[data-device='{SeedData.Spare}']", "data-state"));
        Assert.Equal(4, await page.Locator("#site-map g.map-device").CountAsync());
        Assert.Equal("offline", await page.GetAttributeAsync($"#site-map g.map-device[data-device='{SeedData.East1}']", "data-state"));

        HealthPayload last = _host.Seed.Payloads.OfType<HealthPayload>().Last(h => h.Device == SeedData.North1);
        string? cpu = await page.GetAttributeAsync($"#fleet-table tr[data-device='{SeedData.North1}'] td[data-field='cpu']", "data-value");
        Assert.Equal(last.CpuTemperatureC!.Value, double.Parse(cpu!, CultureInfo.InvariantCulture), 3);
        Assert.Equal("1", await page.GetAttributeAsync("#kpi-offline .kpi-value", "data-value"));

        // Market Square lies about 700 m east and 430 m south of the junction: the plan view keeps that geometry.
        double eastX = double.Parse((await page.GetAttributeAsync($"#site-map g.map-device[data-device='{SeedData.East1}']", "data-x-m"))!, CultureInfo.InvariantCulture);
        double northX = double.Parse((await page.GetAttributeAsync($"#site-map g.map-device[data-device='{SeedData.North1}']", "data-x-m"))!, CultureInfo.InvariantCulture);
        Assert.InRange(eastX - northX, 650, 700);

        // Health history of the first device with health: its latest CPU temperature is the last value of the chart.
        ILocator cpuPath = page.Locator("#health-cpu path[data-series]");
        await cpuPath.WaitForAsync();
        string first = (await page.InputValueAsync("#health-device"))!;
        double?[] cpuValues = SeedExpectations.ParseValues((await cpuPath.GetAttributeAsync("data-values"))!);
        HealthPayload latest = _host.Seed.Payloads.OfType<HealthPayload>().Last(h => h.Device == first);
        Assert.Equal(latest.CpuTemperatureC, cpuValues.Last(v => v is not null));
        Assert.Equal("CPU, °C", await page.GetAttributeAsync("#health-cpu svg", "data-unit"));
        await ShotAsync(page, "fleet");
        await FinishAsync(page);
    }

    [BrowserFact]
    public async Task Traffic_page_charts_the_seeded_counts_with_gaps_and_the_turning_movement_table()
    {
        SeedData seed = _host.Seed;
        int bins = (int)((seed.End - seed.Start).Ticks / TimeSpan.FromMinutes(15).Ticks);
        IPage page = await OpenAsync($"traffic?site=river-junction&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        ILocator car = page.Locator("#counts-chart path[data-series='car']");
        await car.WaitForAsync();
        double?[] shown = SeedExpectations.ParseValues((await car.GetAttributeAsync("data-values"))!);
        Assert.Equal(SeedExpectations.LineCounts(seed, seed.Start, bins, "car", SeedData.North1, SeedData.North2), shown);
        Assert.Equal("crossings / 15 min", await page.GetAttributeAsync("#counts-chart svg", "data-unit"));
        Assert.Contains("crossings / 15 min", await page.TextContentAsync("#counts-chart svg .axis") ?? "", StringComparison.Ordinal);

        // Two devices: turning-movement tables for each, queue and speed charts with their units.
        Assert.Equal(2, await page.Locator("#tmc-tables table.tmc").CountAsync());
        Assert.NotNull(await page.GetAttributeAsync($"#tmc-tables table[data-device='{SeedData.North1}'] tr[data-approach='north'] td[data-phf]", "data-phf"));
        Assert.Equal("Longest queue, m", await page.GetAttributeAsync("#queue-chart svg", "data-unit"));
        Assert.Equal("Mean speed, km/h", await page.GetAttributeAsync("#speed-chart svg", "data-unit"));
        await ShotAsync(page, "traffic-site");

        // One device: its no-data stretch is hatched as a gap on the chart.
        await page.GotoAsync(Url($"traffic?device={SeedData.North2}&from={Iso(seed.Start)}&to={Iso(seed.End)}"));
        await page.Locator("#counts-chart path[data-series='car']").WaitForAsync();
        Assert.True(await page.Locator("#counts-chart rect.nodata").CountAsync() >= 2);
        double?[] north2 = SeedExpectations.ParseValues((await page.GetAttributeAsync("#counts-chart path[data-series='car']", "data-values"))!);
        Assert.Null(north2[bins - 20]);
        await ShotAsync(page, "traffic-device-gaps");

        // The CSV link exports what is on screen.
        string? href = await page.GetAttributeAsync("#csv-link", "href");
        Assert.StartsWith("/api/v1/traffic.csv?", href, StringComparison.Ordinal);
        Assert.Contains("device=" + SeedData.North2, href, StringComparison.Ordinal);
        await FinishAsync(page);
    }

    [BrowserFact]
    public async Task Traffic_page_zooms_by_dragging_across_the_chart()
    {
        SeedData seed = _host.Seed;
        IPage page = await OpenAsync($"traffic?device={SeedData.North1}&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        ILocator svg = page.Locator("#counts-chart svg");
        await page.Locator("#counts-chart path[data-series='car']").WaitForAsync();
        string before = (await page.GetAttributeAsync("#counts-chart svg", "data-bin-count"))!;
        LocatorBoundingBoxResult box = (await svg.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.4f, box.Y + box.Height * 0.5f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height * 0.5f, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('#counts-chart svg') && document.querySelector('#counts-chart svg').getAttribute('data-bin-count') !== '{before}'");
        int after = int.Parse((await page.GetAttributeAsync("#counts-chart svg", "data-bin-count"))!, CultureInfo.InvariantCulture);
        Assert.InRange(after, 2, int.Parse(before, CultureInfo.InvariantCulture) / 2);
        Assert.Contains("from=", page.Url, StringComparison.Ordinal);
        await FinishAsync(page);
    }

    [BrowserFact]
    public async Task Air_page_charts_seeded_pm_with_qa_flags_and_official_index_colours()
    {
        SeedData seed = _host.Seed;
        int bins = (int)((seed.End - seed.Start).Ticks / TimeSpan.FromMinutes(15).Ticks);
        IPage page = await OpenAsync($"air?device={SeedData.North1}&from={Iso(seed.Start)}&to={Iso(seed.End)}");
        ILocator pm = page.Locator("#chart-pm25 path[data-series]");
        await pm.WaitForAsync();
        Assert.Equal(SeedExpectations.Air(seed, seed.Start, bins, SeedData.North1, QuantityNames.Pm25), SeedExpectations.ParseValues((await pm.GetAttributeAsync("data-values"))!));
        Assert.Equal(SeedExpectations.Air(seed, seed.Start, bins, SeedData.North1, QuantityNames.RelativeHumidity),
            SeedExpectations.ParseValues((await page.GetAttributeAsync("#chart-relative_humidity path[data-series]", "data-values"))!));
        Assert.Equal("PM2.5, µg/m³", await page.GetAttributeAsync("#chart-pm25 svg", "data-unit"));
        Assert.Equal("warm_up", await page.GetAttributeAsync("#chart-pm25 circle.flag[data-bin='0']", "data-flags"));
        Assert.Equal(Enumerable.Range(0, bins).Count(k => k == 0 || k % 37 == 5), await page.Locator("#chart-pm25 circle.flag").CountAsync());

        ILocator us = page.Locator($".index-card[data-device='{SeedData.North1}'] .index-tile[data-index='US AQI']");
        int aqi = int.Parse((await us.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        string official = AirQuality.Indices.AqiCategories.HexColor(AirQuality.Indices.AqiCategories.FromIndex(aqi));
        Assert.Equal(official, await us.GetAttributeAsync("data-color"));
        string background = await us.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        int rgb = Convert.ToInt32(official[1..], 16);
        Assert.Equal($"rgb({(rgb >> 16) & 255}, {(rgb >> 8) & 255}, {rgb & 255})", background);
        Assert.True(await page.Locator($"#exceedance-table tr[data-device='{SeedData.North1}']").CountAsync() >= 3);
        await ShotAsync(page, "air");
        await FinishAsync(page);
    }

    [BrowserFact]
    public async Task An_interval_stored_before_the_live_stream_opened_is_shown_when_it_opens()
    {
        SeedData seed = _host.Seed;
        IPage page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        _errors[page] = errors;

        // Hold the page's live stream until the page has read its view and a new interval has been stored: no event
        // reaches the page for it, so it must see from the stream's hello that it missed something.
        LiveStreamHold hold = await LiveStreamHold.InstallAsync(page);
        IResponse? response = await page.GotoAsync(Url($"traffic?device={SeedData.North1}"));
        Assert.True(response is { Ok: true }, "the traffic page did not load");
        ILocator car = page.Locator("#counts-chart path[data-series='car']");
        await car.WaitForAsync();
        await hold.WaitUntilRequestedAsync();
        DateTimeOffset from = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await page.GetAttributeAsync("#counts-chart svg", "data-from"))!, CultureInfo.InvariantCulture));
        int bin = SeedExpectations.BinOf(from, seed.End + TimeSpan.FromMinutes(15));
        Assert.Null(SeedExpectations.ParseValues((await car.GetAttributeAsync("data-values"))!)[bin]);

        TrafficSummaryPayload next = SeedData.Traffic(SeedData.North1, seed.NextSeq(SeedData.North1), seed.End + TimeSpan.FromMinutes(15), 0, 0) with
        {
            Lines = [new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "car", Count = 555 }],
        };
        await _host.PublishAsync([next]);
        hold.Release();
        await page.WaitForFunctionAsync(
            $"() => {{ const p = document.querySelector(\"#counts-chart path[data-series='car']\"); return p && p.getAttribute('data-values').split(',')[{bin}] === '555'; }}",
            null, new PageWaitForFunctionOptions { Timeout = 15_000, PollingInterval = 50 });
        await FinishAsync(page);
    }

    [BrowserFact]
    public async Task A_new_interval_appears_on_the_open_traffic_page_within_2_seconds()
    {
        SeedData seed = _host.Seed;
        IPage page = await OpenAsync($"traffic?device={SeedData.North1}");
        ILocator car = page.Locator("#counts-chart path[data-series='car']");
        await car.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('live-indicator').getAttribute('data-state') === 'live'");
        DateTimeOffset from = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await page.GetAttributeAsync("#counts-chart svg", "data-from"))!, CultureInfo.InvariantCulture));
        int bin = SeedExpectations.BinOf(from, seed.End + TimeSpan.FromMinutes(15));
        double?[] before = SeedExpectations.ParseValues((await car.GetAttributeAsync("data-values"))!);
        Assert.True(bin < before.Length, $"the page's range ends before the new interval (bin {bin} of {before.Length})");
        Assert.Null(before[bin]);

        // The next interval of the device: 777 cars over "stop-n", published the way the host does after ingest.
        TrafficSummaryPayload next = SeedData.Traffic(SeedData.North1, seed.NextSeq(SeedData.North1), seed.End + TimeSpan.FromMinutes(15), 0, 0) with
        {
            Lines = [new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "car", Count = 777 }],
        };
        var clock = Stopwatch.StartNew();
        await _host.PublishAsync([next]);
        await page.WaitForFunctionAsync(
            $"() => {{ const p = document.querySelector(\"#counts-chart path[data-series='car']\"); return p && p.getAttribute('data-values').split(',')[{bin}] === '777'; }}",
            null, new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 20 });
        clock.Stop();
        output.WriteLine($"new interval visible after {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(2), $"the new interval took {clock.ElapsedMilliseconds} ms to appear");
        await ShotAsync(page, "traffic-live");
        await FinishAsync(page);
    }
}
