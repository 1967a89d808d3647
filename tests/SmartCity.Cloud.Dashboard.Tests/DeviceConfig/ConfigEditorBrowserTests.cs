using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Dashboard.Tests.DeviceConfig;

/// <summary>A technician draws a counting line with the mouse on the snapshot and saves it; the file on disk holds it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfigEditorBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Drawing_a_counting_line_and_saving_writes_it_to_the_device_file()
    {
        await using H6Host host = await H6Host.StartAsync();
        IPage page = await browser.NewPageAsync();
        List<string> errors = BrowserSignIn.TrackErrors(page);
        await BrowserSignIn.SignInAsync(page, host, DashboardRoles.Operator, "technician", "/devices/config");
        Assert.Contains("derived from the scene", await page.InnerTextAsync("#device-configs tr:has-text('demo-edge-01')"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "device-config-list"));
        await page.ClickAsync("#device-configs a:has-text('Edit') >> nth=0");
        await page.WaitForURLAsync(u => u.EndsWith("/devices/demo-edge-01/config", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#editor-canvas[data-ready=true]");
        int linesBefore = await page.Locator(".element.line").CountAsync();

        // Frame pixels → screen: the canvas is scaled to the card's width (measured after choosing the tool).
        await page.ClickAsync("#tool-line");
        LocatorBoundingBoxResult box = (await page.Locator("#editor-canvas").BoundingBoxAsync())!;
        (float X, float Y) At(float x, float y) => (box.X + (x * box.Width / 640), box.Y + (y * box.Height / 480));
        foreach ((float x, float y) in new[] { At(200, 300), At(440, 300), At(320, 250) })
        {
            await page.Mouse.ClickAsync(x, y);
        }

        ILocator lines = page.Locator(".element.line");
        Assert.Equal(linesBefore + 1, await lines.CountAsync());
        await lines.Last.Locator("input.name").FillAsync("test-crossing");
        await page.ClickAsync("#save-config");
        await page.WaitForSelectorAsync("#config-message.saved", new PageWaitForSelectorOptions { Timeout = 45_000 });
        Assert.Contains("Saved to demo-intersection.json", await page.InnerTextAsync("#config-message"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "device-config"));

        string file = await File.ReadAllTextAsync(Path.Combine(host.Options.DeviceConfigDirectory, "demo-intersection.json"));
        JsonNode analytics = JsonNode.Parse(file, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!["analytics"]!;
        JsonNode line = analytics["lines"]!.AsArray().Single(l => l!["name"]!.GetValue<string>() == "test-crossing")!;
        Assert.InRange(line["start"]![0]!.GetValue<double>(), 199, 201);
        Assert.InRange(line["start"]![1]!.GetValue<double>(), 299, 301);
        Assert.InRange(line["end"]![0]!.GetValue<double>(), 439, 441);
        // Clicked above the line: road users come from above, so "in" points down the image.
        Assert.Equal(0, line["in"]![0]!.GetValue<double>(), 2);
        Assert.Equal(1, line["in"]![1]!.GetValue<double>(), 2);
        Assert.Equal(linesBefore + 1, analytics["lines"]!.AsArray().Count);

        // Invalid geometry: a zone drawn as a bow-tie crosses itself. Part 2's validation refuses it, the page says why,
        // and the file keeps exactly what was saved before.
        await page.ClickAsync("#tool-zone");
        foreach ((float x, float y) in new[] { At(60, 60), At(160, 160), At(160, 60), At(60, 160), At(60, 60) })
        {
            await page.Mouse.ClickAsync(x, y);
        }

        await page.ClickAsync("#save-config");
        await page.WaitForSelectorAsync("#config-message.error", new PageWaitForSelectorOptions { Timeout = 45_000 });
        string refusal = await page.InnerTextAsync("#config-message");
        output.WriteLine("refusal shown: " + refusal);
        Assert.Contains("zone 'zone-1'", refusal, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", refusal, StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "device-config-refused"));
        Assert.Equal(file, await File.ReadAllTextAsync(Path.Combine(host.Options.DeviceConfigDirectory, "demo-intersection.json")));
        BrowserSignIn.NoErrors(errors);
        await page.CloseAsync();
    }
}
