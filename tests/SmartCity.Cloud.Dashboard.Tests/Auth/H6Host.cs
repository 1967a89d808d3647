using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Live;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Cloud.Storage;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Tests.Auth;

/// <summary>
/// The shared <see cref="DashboardTestHost"/> (real Kestrel on loopback, DuckDB in a temp folder) set up for the H6
/// features: the repository's model cards, a temp copy of the repository's device configuration files, two registered
/// devices of the demo configs, no seed data unless asked; plus helpers to sign in and to read antiforgery tokens.
/// </summary>
internal sealed partial class H6Host : IAsyncDisposable
{
    public const string Password = "correct-horse-battery-staple";

    private H6Host(DashboardTestHost host) => Host = host;

    public DashboardTestHost Host { get; }

    public Uri BaseAddress => Host.BaseAddress;

    public string Root => Host.Root;

    public DashboardOptions Options => Host.Options;

    public IServiceProvider Services => Host.Services;

    public ITimeSeriesStore Store => Host.Store;

    public DashboardLiveFeed LiveFeed => Host.LiveFeed;

    /// <summary>The demo devices of firmware-configs/devices plus the seed devices.</summary>
    public static IReadOnlyList<DashboardDevice> Devices { get; } =
    [
        new DashboardDevice("demo-edge-01", "demo-intersection", "Demo intersection", 52.52, 13.405),
        new DashboardDevice("junction-12-cam-a", "junction-12"),
        .. SeedData.Devices,
    ];

    public static async Task<H6Host> StartAsync(Action<DashboardOptions>? configure = null, Action<IServiceCollection>? services = null, SeedData? seed = null)
    {
        string configs = Directory.CreateTempSubdirectory("h6-device-configs-").FullName;
        foreach (string f in Directory.GetFiles(Path.Combine(RepoRoot, "firmware-configs", "devices"), "*.json"))
        {
            File.Copy(f, Path.Combine(configs, Path.GetFileName(f)));
        }

        DashboardTestHost host = await DashboardTestHost.StartAsync(new DashboardTestHostOptions
        {
            Seed = seed ?? SeedData.None,
            Services = services,
            Configure = o =>
            {
                o.Devices = Devices;
                o.ModelsDirectory = Path.Combine(RepoRoot, "models");
                o.DeviceConfigDirectory = configs;
                configure?.Invoke(o);
            },
        });
        return new H6Host(host);
    }

    /// <summary>The repository root (the folder holding SmartCity.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("SmartCity.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public HttpClient Client() => Host.CreateClient(handleCookies: true);

    /// <summary>Creates an account with <paramref name="role"/> (if missing) and returns a client signed in as it.</summary>
    public async Task<HttpClient> SignedInAsync(string role, string? user = null)
    {
        user ??= role + "-user";
        EnsureAccount(role, user);
        HttpClient client = Client();
        string token = await FormTokenAsync(client, "/login").ConfigureAwait(false);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = user, ["password"] = Password, ["returnUrl"] = "/",
        });
        using HttpResponseMessage r = await client.PostAsync(new Uri("/login", UriKind.Relative), form).ConfigureAwait(false);
        if (r.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {user} answered {(int)r.StatusCode}");
        }

        return client;
    }

    /// <summary>Creates the account (password <see cref="Password"/>) unless it exists.</summary>
    public void EnsureAccount(string role, string user)
    {
        LocalAccountStore accounts = Services.GetRequiredService<LocalAccountStore>();
        if (accounts.Find(user) is null)
        {
            accounts.Create(user, role, Password);
        }
    }

    /// <summary>GETs <paramref name="path"/> and returns the antiforgery form token on it (the cookie stays in the client).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        string html = await client.GetStringAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        Match m = TokenInput().Match(html);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on " + path);
    }

    /// <summary>Stores a batch and publishes it through the live feed, as the ingest host does.</summary>
    public Task PublishAsync(params WirePayload[] batch) => Host.PublishAsync(batch);

    public async ValueTask DisposeAsync()
    {
        string configs = Options.DeviceConfigDirectory;
        await Host.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(configs, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
