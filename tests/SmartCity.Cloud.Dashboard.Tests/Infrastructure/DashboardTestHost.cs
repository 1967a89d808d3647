using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Dashboard.Live;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.DuckDb;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real dashboard for tests: Kestrel on 127.0.0.1 with a random port, the embedded DuckDB store in a temp folder
/// (deleted on dispose), seeded with <see cref="SeedData"/>. Publishing goes the way the cloud host does it: store the
/// batch, then hand it to <see cref="DashboardLiveFeed.Publish"/>.
/// </summary>
public sealed class DashboardTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ITimeSeriesStore? _ownStore;

    private DashboardTestHost(WebApplication app, string root, DashboardOptions options, SeedData seed)
    {
        _app = app;
        Root = root;
        Options = options;
        Seed = seed;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Client = CreateClient();
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The temp folder of this host (store, data directory).</summary>
    public string Root { get; }

    /// <summary>The options the dashboard runs with.</summary>
    public DashboardOptions Options { get; }

    /// <summary>What was written to the store before start.</summary>
    public SeedData Seed { get; }

    /// <summary>A client without cookies.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The store.</summary>
    public ITimeSeriesStore Store => Services.GetRequiredService<ITimeSeriesStore>();

    /// <summary>The live feed.</summary>
    public DashboardLiveFeed LiveFeed => Services.GetRequiredService<DashboardLiveFeed>();

    /// <summary>Starts a host.</summary>
    public static async Task<DashboardTestHost> StartAsync(DashboardTestHostOptions? hostOptions = null)
    {
        hostOptions ??= new DashboardTestHostOptions();
        string root = Directory.CreateTempSubdirectory("smartcity-dashboard-").FullName;
        var options = new DashboardOptions
        {
            Title = "Testville",
            Devices = SeedData.Devices,
            DataDirectory = Path.Combine(root, "data"),
            // The seed sends every 15 minutes, so a device is up to 15 minutes quiet between messages.
            OfflineAfter = TimeSpan.FromMinutes(20),
        };
        // The tests call the API far more often than a person would.
        options.Auth.ApiPermitsPerWindow = 100_000;
        options.Auth.LoginPermitsPerWindow = 1_000;
        options.Auth.InitialAdminPassword = "initial-admin-password-for-tests";
        hostOptions.Configure?.Invoke(options);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var sites = options.Devices.ToDictionary(d => d.Id, d => d.Site);
        ITimeSeriesStore store = hostOptions.Store is { } factory
            ? await factory(root, sites)
            : new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = Path.Combine(root, "store"), DeviceSites = sites });
        builder.Services.AddSingleton<ITimeSeriesStore>(store);
        builder.Services.AddSmartCityDashboard(options);
        hostOptions.Services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.MapSmartCityDashboard();

        SeedData seed = hostOptions.Seed ?? SeedData.Generate(DateTimeOffset.UtcNow);
        try
        {
            if (seed.Payloads.Count > 0)
            {
                await store.WriteBatchAsync(seed.Payloads);
            }

            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await store.DisposeAsync();
            Directory.Delete(root, recursive: true);
            throw;
        }

        return new DashboardTestHost(app, root, options, seed) { _ownStore = store };
    }

    /// <summary>A new client (with a cookie container when <paramref name="handleCookies"/>).</summary>
    public HttpClient CreateClient(bool handleCookies = false) =>
        new(new HttpClientHandler { UseCookies = handleCookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Stores a batch and publishes it to the live feed, as the cloud host does after ingest.</summary>
    public async Task PublishAsync(IReadOnlyList<WirePayload> batch)
    {
        await Store.WriteBatchAsync(batch);
        LiveFeed.Publish(batch);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownStore is not null)
        {
            await _ownStore.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a background flush: the temp folder is cleaned by the OS.
        }
    }
}
