using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Dashboard;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.DuckDb;

namespace SmartCity.Bench.Dashboard;

/// <summary>
/// <c>dashboard</c>: seeds an embedded DuckDB store (default 30 days × 50 devices in 15-minute intervals), starts the
/// dashboard on loopback and loads the Traffic view (its page and its API call) repeatedly, reporting the server time
/// per view load — measured inside the server, from request start to response end — at p50, p95 and p99.
/// </summary>
internal static class DashboardBenchCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "Devices to seed (two per site).", DefaultValueFactory = _ => 50 };
        var days = new Option<int>("--days") { Description = "Days of 15-minute intervals to seed.", DefaultValueFactory = _ => 30 };
        var loads = new Option<int>("--loads") { Description = "Measured view loads per view.", DefaultValueFactory = _ => 100 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured view loads per view first.", DefaultValueFactory = _ => 10 };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the store (default: a temp folder, deleted afterwards). An existing seeded store is reused." };
        var command = new Command("dashboard", "Server time of the Traffic view (page + API) over a seeded embedded store: p50/p95/p99 in ms (target p95 ≤ 150 ms).")
        {
            devices, days, loads, warmup, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int deviceCount = parse.GetValue(devices), dayCount = parse.GetValue(days), loadCount = parse.GetValue(loads), warmCount = parse.GetValue(warmup);
            if (deviceCount is < 1 or > 1000 || dayCount is < 1 or > 90 || loadCount < 1 || warmCount < 0)
            {
                Console.Error.WriteLine("--devices must be 1..1000, --days 1..90, --loads at least 1, --warmup at least 0.");
                return 2;
            }

            return await RunAsync(deviceCount, dayCount, loadCount, warmCount, parse.GetValue(data), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(int deviceCount, int dayCount, int loadCount, int warmCount, DirectoryInfo? dataDir, CancellationToken cancellationToken)
    {
        string folder = dataDir?.FullName ?? Directory.CreateTempSubdirectory("smartcity-bench-dashboard-").FullName;
        bool temp = dataDir is null;
        var registry = FleetSeeder.Devices(deviceCount);
        DateTimeOffset end = FleetSeeder.SeedEnd(DateTimeOffset.UtcNow);
        var storeOptions = new DuckDbStoreOptions { DataFolder = folder, FileName = $"bench-{deviceCount}x{dayCount}.duckdb", DeviceSites = registry.ToDictionary(d => d.Id, d => d.Site) };
        bool seeded = File.Exists(storeOptions.DatabasePath);
        var store = new DuckDbTimeSeriesStore(storeOptions);
        try
        {
            Console.WriteLine($"bench dashboard: {deviceCount} devices × {dayCount} days of 15-minute intervals, store {storeOptions.DatabasePath}");
            if (!seeded)
            {
                var seedClock = Stopwatch.StartNew();
                long stored = await FleetSeeder.SeedAsync(store, registry, end, dayCount, Console.WriteLine);
                Console.WriteLine($"  seeded {stored:N0} messages in {seedClock.Elapsed.TotalSeconds:0.0} s ({stored / seedClock.Elapsed.TotalSeconds:N0} messages/s)");
            }
            else
            {
                Console.WriteLine("  reusing the seeded store (its data ends where it was seeded; the views ask for its range)");
                end = (await store.GetLastSeenAsync(cancellationToken)).Max(s => s.Ts);
            }

            var timings = new ServerTimings();
            WebApplication app = BuildApp(store, registry, timings);
            await app.StartAsync(cancellationToken);
            try
            {
                var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
                using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
                string from = Iso(end - TimeSpan.FromDays(dayCount)), to = Iso(end);
                var views = new (string Name, string Query)[]
                {
                    ($"whole city, {deviceCount} devices, {dayCount} d, 15 min by class", $"from={from}&to={to}&bin=15m&group=class"),
                    ($"one site (2 devices), {dayCount} d, 15 min, with turning movements, queues, speeds", $"site={registry[0].Site}&from={from}&to={to}&bin=15m"),
                    ("one device, last 24 h (the page's default range)", $"device={registry[0].Id}&to={to}&from={Iso(end - TimeSpan.FromDays(1))}"),
                };
                Console.WriteLine($"  dashboard on {baseAddress}; {warmCount} warm-up + {loadCount} measured loads per view (page + /api/v1/traffic)");
                foreach (var (name, query) in views)
                {
                    var perLoad = new List<double>(loadCount);
                    var page = new List<double>(loadCount);
                    var api = new List<double>(loadCount);
                    var wall = new List<double>(loadCount);
                    double cold = 0;
                    for (int i = 0; i < warmCount + loadCount; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var clock = Stopwatch.StartNew();
                        double p = await TimedGetAsync(http, "traffic?" + query, timings, cancellationToken);
                        double a = await TimedGetAsync(http, "api/v1/traffic?" + query, timings, cancellationToken);
                        clock.Stop();
                        if (i == 0)
                        {
                            cold = p + a;
                        }

                        if (i >= warmCount)
                        {
                            page.Add(p);
                            api.Add(a);
                            perLoad.Add(p + a);
                            wall.Add(clock.Elapsed.TotalMilliseconds);
                        }

                        if ((i + 1) % 25 == 0)
                        {
                            Console.WriteLine($"  … {i + 1}/{warmCount + loadCount} loads");
                        }
                    }

                    Console.WriteLine($"  {name}");
                    Console.WriteLine($"    server time per view load (page + API): p50 {P(perLoad, 50):0.0} ms  p95 {P(perLoad, 95):0.0} ms  p99 {P(perLoad, 99):0.0} ms  (target p95 ≤ 150 ms: {(P(perLoad, 95) <= 150 ? "met" : "NOT met")})");
                    Console.WriteLine($"    first (cold) load, before the finished days were cached: {cold:0.0} ms");
                    Console.WriteLine($"    page:  p50 {P(page, 50):0.0} ms  p95 {P(page, 95):0.0} ms  p99 {P(page, 99):0.0} ms");
                    Console.WriteLine($"    API:   p50 {P(api, 50):0.0} ms  p95 {P(api, 95):0.0} ms  p99 {P(api, 99):0.0} ms");
                    Console.WriteLine($"    client round trip (both requests): p50 {P(wall, 50):0.0} ms  p95 {P(wall, 95):0.0} ms");
                }
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }

            return 0;
        }
        finally
        {
            await store.DisposeAsync();
            if (temp)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static WebApplication BuildApp(ITimeSeriesStore store, IReadOnlyList<DashboardDevice> registry, ServerTimings timings)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(store);
        var options = new DashboardOptions { Title = "Bench city", Devices = registry, DataDirectory = Path.Combine(Path.GetTempPath(), "smartcity-bench-dashboard-data") };
        // The bench is one client asking as fast as it can: the public API's rate limit would throttle it.
        options.Auth.ApiPermitsPerWindow = int.MaxValue;
        options.Auth.InitialAdminPassword = "bench-admin-password-unused";
        builder.Services.AddSmartCityDashboard(options);
        WebApplication app = builder.Build();
        // Server time: from the first middleware to the end of the response body, as the server sees it.
        app.Use(async (context, next) =>
        {
            long start = Stopwatch.GetTimestamp();
            await next(context);
            await context.Response.CompleteAsync();
            timings.Record(context.Request.Headers["X-Bench-Id"].ToString(), Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        });
        app.MapSmartCityDashboard();
        return app;
    }

    private static async Task<double> TimedGetAsync(HttpClient http, string url, ServerTimings timings, CancellationToken cancellationToken)
    {
        string id = Guid.NewGuid().ToString("N");
        Task<double> server = timings.Expect(id);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Bench-Id", id);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }

        return await server.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static double P(List<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        int index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    /// <summary>Server-side durations handed from the middleware to the client loop by request id.</summary>
    private sealed class ServerTimings
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<double>> _pending = new();

        public Task<double> Expect(string id) =>
            _pending.GetOrAdd(id, _ => new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Record(string id, double ms)
        {
            if (id.Length > 0 && _pending.TryRemove(id, out TaskCompletionSource<double>? tcs))
            {
                tcs.TrySetResult(ms);
            }
        }
    }
}
