using Microsoft.Playwright;
using SmartCity.Cloud.Dashboard.Registry;
using SmartCity.Cloud.Dashboard.Tests.Alerts;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Contracts;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Dashboard.Tests.Registry;

/// <summary>The public AI registry and the open-data page, anonymous, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistryBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task The_public_registry_lists_the_deployed_model_with_its_card_and_devices()
    {
        await using H6Host host = await H6Host.StartAsync(seed: SeedData.Generate(DateTimeOffset.UtcNow, hours: 6));
        ModelCard demo = ModelCatalog.Read(Path.Combine(H6Host.RepoRoot, "models", "demo-traffic", "model.json"));
        DateTimeOffset birth = DateTimeOffset.UtcNow.AddDays(-12);
        string reported = $"{demo.Name}@{demo.Version} sha256:{demo.Sha256}";
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await host.PublishAsync(
            AlertPayloads.Status(SeedData.North1, now, DeviceState.Online, reported, birth),
            AlertPayloads.Status(SeedData.North2, now, DeviceState.Online, reported, birth.AddDays(2)),
            AlertPayloads.Status(SeedData.East1, now, DeviceState.Online, reported, birth.AddDays(3)));

        IPage page = await browser.NewPageAsync();
        List<string> errors = BrowserSignIn.TrackErrors(page);
        await page.GotoAsync(new Uri(host.BaseAddress, "/registry").ToString());
        ILocator card = page.Locator("article.model-card[data-model='demo-traffic']");
        Assert.Contains(demo.Sha256, await card.Locator("code.sha").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(demo.Licence, (await card.Locator("dd.licence").InnerTextAsync()).Trim());
        Assert.Equal(3, await card.Locator("table.deployments tbody tr").CountAsync());
        Assert.Equal(birth.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            (await card.Locator($"tr[data-device='{SeedData.North1}'] td.since").InnerTextAsync()).Trim());
        Assert.Equal(3, await card.Locator(".badge:has-text('matches the card')").CountAsync());
        Assert.Equal(demo.Classes.Count, await card.Locator("dd.classes .chip").CountAsync());
        Assert.Contains("Never: camera frames", await page.InnerTextAsync("#data-leaving"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "registry"));

        await page.GotoAsync(new Uri(host.BaseAddress, "/open-data").ToString());
        await page.SelectOptionAsync("#od-device", SeedData.North1);
        string href = (await page.Locator("a.download:has-text('CSV') >> nth=0").GetAttributeAsync("href"))!;
        Assert.Contains("device=" + SeedData.North1, href, StringComparison.Ordinal);
        IAPIResponse csv = await page.APIRequest.GetAsync(new Uri(host.BaseAddress, href).ToString());
        Assert.Equal(200, csv.Status);
        string body = await csv.TextAsync();
        Assert.StartsWith("start_utc,end_utc,device,", body, StringComparison.Ordinal);
        Assert.True(body.Split('\n').Length > 10, "the seeded day yields 15-minute rows");
        Assert.DoesNotContain(SeedData.North2, body, StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "open-data"));
        BrowserSignIn.NoErrors(errors);
        await page.CloseAsync();
    }
}
