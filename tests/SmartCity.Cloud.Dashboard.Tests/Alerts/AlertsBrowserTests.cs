using Microsoft.Playwright;
using SmartCity.Cloud.Dashboard.Alerts;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Dashboard.Tests.Alerts;

/// <summary>An operator creates an alert rule on the page and sees it fire, live, on data the test publishes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertsBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Operator_creates_a_queue_rule_and_sees_it_fire_on_published_data()
    {
        await using H6Host host = await H6Host.StartAsync(seed: SeedData.Generate(DateTimeOffset.UtcNow, hours: 6));
        IPage page = await browser.NewPageAsync();
        List<string> errors = BrowserSignIn.TrackErrors(page);
        await BrowserSignIn.SignInAsync(page, host, DashboardRoles.Operator, "technician", "/alerts");

        // The preset fills the form; the operator narrows it to one device and submits.
        await page.ClickAsync("button.preset:has-text('Queue')");
        Assert.Equal("queue_m", await page.InputValueAsync("#rule-metric"));
        Assert.Equal("80", await page.InputValueAsync("#rule-threshold"));
        await page.SelectOptionAsync("#rule-device", SeedData.North1);
        await page.ClickAsync("#rule-create");
        await page.WaitForSelectorAsync("#rules tr[data-rule]");
        AlertRule rule = Assert.Single(host.Services.GetRequiredService<AlertRuleStore>().All);
        Assert.Equal((SeedData.North1, 80.0), (rule.Device, rule.Threshold));
        Assert.Equal("0", await page.InnerTextAsync("#active-count"));

        // New data through the live feed: a 96.5 m queue on the north approach. The page updates without a reload.
        await page.EvaluateAsync("() => { window.__noReload = true; }");
        var end = DateTimeOffset.UtcNow;
        await host.PublishAsync(AlertPayloads.Traffic(SeedData.North1, end, 96.5));
        ILocator firing = page.Locator("#active-alerts tr.firing");
        await firing.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
        Assert.Equal(1, await firing.CountAsync());
        Assert.Contains(SeedData.North1, await firing.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("96.5", (await firing.First.Locator("td.value").InnerTextAsync()).Trim());
        Assert.Equal("1", await page.InnerTextAsync("#active-count"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "the page reloaded instead of updating live");
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "alerts"));

        // Another device's queue does not match the rule's scope; the queue clearing resolves the alert.
        await host.PublishAsync(AlertPayloads.Traffic(SeedData.North2, end, 150));
        await host.PublishAsync(AlertPayloads.Traffic(SeedData.North1, end.AddMinutes(1), 12));
        await page.Locator("#past-alerts tr.past").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
        Assert.Equal(0, await page.Locator("#active-alerts tr.firing").CountAsync());
        BrowserSignIn.NoErrors(errors);
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task An_alert_that_fired_before_the_live_stream_opened_is_shown_when_it_opens()
    {
        await using H6Host host = await H6Host.StartAsync(seed: SeedData.Generate(DateTimeOffset.UtcNow, hours: 6));
        host.Services.GetRequiredService<AlertRuleStore>().Add(new AlertRule(
            "q1", "Long queue", "queue_m", AlertComparison.Above, 80, TimeSpan.Zero, SeedData.North1, null, true, "test", DateTimeOffset.UtcNow));
        IPage page = await browser.NewPageAsync();
        List<string> errors = BrowserSignIn.TrackErrors(page);

        // Hold every live-stream request until the alert has fired on the server, with no page listening: the page
        // sees no "alert" event for it and must catch up when its stream opens.
        LiveStreamHold hold = await LiveStreamHold.InstallAsync(page);
        await BrowserSignIn.SignInAsync(page, host, DashboardRoles.Operator, "technician", "/alerts");
        Assert.Equal("0", await page.InnerTextAsync("#active-count"));
        await hold.WaitUntilRequestedAsync();

        AlertEngine engine = host.Services.GetRequiredService<AlertEngine>();
        await host.PublishAsync(AlertPayloads.Traffic(SeedData.North1, DateTimeOffset.UtcNow, 96.5));
        for (int i = 0; i < 600 && engine.Active.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Single(engine.Active);
        Assert.Equal("0", await page.InnerTextAsync("#active-count"));
        hold.Release();

        ILocator firing = page.Locator("#active-alerts tr.firing");
        await firing.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
        Assert.Equal("96.5", (await firing.First.Locator("td.value").InnerTextAsync()).Trim());
        Assert.Equal("1", await page.InnerTextAsync("#active-count"));
        BrowserSignIn.NoErrors(errors);
        await page.CloseAsync();
    }
}
