using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartCity.Cloud.Dashboard.Alerts;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Dashboard.Tests.Auth;

/// <summary>Sign-in page, the admin pages refusing an operator, and the accounts and audit pages for an admin.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Admin_pages_refuse_an_operator_and_show_accounts_and_the_audit_log_to_an_admin()
    {
        await using H6Host host = await H6Host.StartAsync();
        IPage page = await browser.NewPageAsync();
        List<string> errors = BrowserSignIn.TrackErrors(page);

        // Anonymous: sent to the sign-in page, which says who it is for.
        await page.GotoAsync(new Uri(host.BaseAddress, "/admin/audit").ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#username", "nobody");
        await page.FillAsync("#password", "wrong-password-here");
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        Assert.Contains("wrong password", await page.InnerTextAsync(".notice.error"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "login"));

        // Operator: refused, with the reason on the page; no Admin entry in the navigation.
        await BrowserSignIn.SignInAsync(page, host, DashboardRoles.Operator, "technician");
        Assert.Equal(0, await page.Locator("nav.mainnav a:has-text('Admin')").CountAsync());
        Assert.Equal(1, await page.Locator("nav.mainnav a:has-text('Alerts')").CountAsync());
        IResponse? refused = await page.GotoAsync(new Uri(host.BaseAddress, "/admin/users").ToString());
        Assert.Equal(403, refused!.Status);
        Assert.Contains("technician", await page.InnerTextAsync(".notice.error"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#accounts").CountAsync());
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "admin-refused-operator"));
        await page.ClickAsync("form.signout button");

        // Changes to audit: a rule made by the operator through the API.
        Assert.True(new AlertRuleRequest("PM2.5 unhealthy", AlertMetrics.Pm25NowCastAqi, ">", 150, 60, null, null)
            .TryCreate("technician", DateTimeOffset.UtcNow, out AlertRule? rule, out _, out _));
        host.Services.GetRequiredService<AlertRuleStore>().Add(rule!);
        host.Services.GetRequiredService<AuditLog>().Append("technician", "alert-rule.create", rule!.Id, null,
            System.Text.Json.JsonSerializer.SerializeToNode(rule, System.Text.Json.JsonSerializerOptions.Web));

        // Two saves of a device configuration by a technician: the second one's before/after differ in "lines".
        using (HttpClient tech = await host.SignedInAsync(DashboardRoles.Operator, "technician"))
        {
            var section = DeviceConfig.DeviceConfigTests.Section("""{ "name": "north-stop", "start": [280, 160], "end": [320, 160], "in": [0, 1] }""");
            Assert.True((await DeviceConfig.DeviceConfigTests.PutAsync(tech, section)).IsSuccessStatusCode);
            section["lines"]![0]!["end"] = new System.Text.Json.Nodes.JsonArray(330, 160);
            Assert.True((await DeviceConfig.DeviceConfigTests.PutAsync(tech, section)).IsSuccessStatusCode);
        }

        // Admin: creates an account through the form, then reads the audit log.
        await BrowserSignIn.SignInAsync(page, host, DashboardRoles.Admin, "city-admin");
        await page.GotoAsync(new Uri(host.BaseAddress, "/admin/users").ToString());
        await page.FillAsync("form.stack-form input[name=username]", "night-shift");
        await page.SelectOptionAsync("form.stack-form select[name=role]", "operator");
        await page.FillAsync("form.stack-form input[name=password]", "night-shift-password");
        await page.ClickAsync("button:has-text('Create account')");
        Assert.Contains("night-shift", await page.InnerTextAsync("#accounts"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "admin-users"));
        await page.GotoAsync(new Uri(host.BaseAddress, "/admin/audit").ToString());
        string audit = await page.InnerTextAsync("#audit");
        Assert.Contains("account.create", audit, StringComparison.Ordinal);
        Assert.Contains("alert-rule.create", audit, StringComparison.Ordinal);
        Assert.Equal("lines", (await page.Locator("#audit tbody tr:has-text('device-config.save') >> nth=0").Locator("td.changed").InnerTextAsync()).Trim());
        Assert.Contains("hash chain intact", await page.InnerTextAsync(".toolbar"), StringComparison.Ordinal);
        output.WriteLine("screenshot: " + await BrowserFixture.ScreenshotAsync(page, "admin-audit"));
        BrowserSignIn.NoErrors(errors);
        await page.CloseAsync();
    }
}
