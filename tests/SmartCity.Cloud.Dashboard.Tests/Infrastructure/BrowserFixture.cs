using Microsoft.Playwright;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET: headless, sandbox off (tests run as root in containers), no GPU,
/// no QUIC, no background networking or component updates, a fresh user-data-dir per fixture. Playwright's own browser
/// download is never used: the executable is <see cref="ChromiumPath"/> and a missing one is an error.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private string? _profile;

    /// <summary>Where screenshots go: <c>bin/…/screenshots</c> next to the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The browser context (one profile for the fixture; cookies are cleared for every new page).</summary>
    public IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium). Playwright must not download a browser.");
        }

        // Belt and braces: even if something asked Playwright to install browsers, it may not fetch anything.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _profile = Directory.CreateTempSubdirectory("smartcity-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            Timeout = 60_000,
        });
        _context.SetDefaultTimeout(20_000);
    }

    /// <summary>A new tab with no cookies from earlier tests.</summary>
    public async Task<IPage> NewPageAsync()
    {
        await Context.ClearCookiesAsync();
        return await Context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>screenshots/{name}.png</c> and returns (and prints) its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        string path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Console.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be writing its last files; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>Browser tests share one Chromium and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "browser";
}
