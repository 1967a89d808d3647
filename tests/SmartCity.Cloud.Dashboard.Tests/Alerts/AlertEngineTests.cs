using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Alerts;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Alerts;

public sealed class AlertEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static AlertRule Rule(H6Host host, string metric, string cmp, double threshold, double minutes, string? device = null, string? site = null)
    {
        Assert.True(new AlertRuleRequest(null, metric, cmp, threshold, minutes, device, site).TryCreate("ops", T0, out AlertRule? rule, out _, out string? error), error);
        host.Services.GetRequiredService<AlertRuleStore>().Add(rule!);
        return rule!;
    }

    [Fact]
    public async Task Pm25_nowcast_rule_fires_only_after_the_condition_held_for_an_hour_and_resolves()
    {
        await using H6Host host = await H6Host.StartAsync();
        AlertEngine engine = host.Services.GetRequiredService<AlertEngine>();
        AlertRule rule = Rule(host, AlertMetrics.Pm25NowCastAqi, ">", 150, 60);

        // 10-minute intervals at 120 µg/m³ (NowCast AQI 184, "unhealthy"). NowCast needs 2 of the 3 latest hours.
        var t = T0;
        for (int i = 0; i < 6; i++)
        {
            t += TimeSpan.FromMinutes(10);
            host.LiveFeed.Publish([AlertPayloads.Air("demo-edge-01", t, 600, 120)]);
        }

        Assert.Empty(engine.Active); // only one hour present: no valid NowCast yet

        // Second hour: NowCast valid from its first interval (06:00–07:10 → AQI > 150 since 07:00); 1 h later it fires.
        DateTimeOffset? firedAt = null;
        for (int i = 0; i < 7 && firedAt is null; i++)
        {
            t += TimeSpan.FromMinutes(10);
            host.LiveFeed.Publish([AlertPayloads.Air("demo-edge-01", t, 600, 120)]);
            if (engine.Active.Count > 0)
            {
                firedAt = t;
            }
        }

        AlertRecord fired = Assert.Single(engine.Active);
        Assert.Equal(T0.AddHours(2), firedAt); // condition since 07:00 (start of the first valid interval), fired at 08:00
        Assert.Equal(T0.AddHours(1), fired.Since);
        Assert.Equal(rule.Id, fired.RuleId);
        Assert.Equal("pm", fired.Subject);
        Assert.InRange(fired.Value, 151, 300);

        // Clean air: the NowCast leans on recent hours and drops below 150 → resolved.
        for (int i = 0; i < 12 && engine.Active.Count > 0; i++)
        {
            t += TimeSpan.FromMinutes(10);
            host.LiveFeed.Publish([AlertPayloads.Air("demo-edge-01", t, 600, 5)]);
        }

        Assert.Empty(engine.Active);
        AlertRecord past = Assert.Single(engine.History);
        Assert.NotNull(past.Resolved);
        Assert.True(past.Resolved > past.Fired);
    }

    [Fact]
    public async Task Queue_rule_fires_at_once_above_80_m_and_only_for_devices_in_scope()
    {
        await using H6Host host = await H6Host.StartAsync();
        AlertEngine engine = host.Services.GetRequiredService<AlertEngine>();
        Rule(host, AlertMetrics.QueueMetres, ">", 80, 0, site: "junction-12");

        host.LiveFeed.Publish([AlertPayloads.Traffic("demo-edge-01", T0.AddMinutes(1), 95)]); // other site
        Assert.Empty(engine.Active);
        host.LiveFeed.Publish([AlertPayloads.Traffic("junction-12-cam-a", T0.AddMinutes(1), 79.9)]);
        Assert.Empty(engine.Active);
        host.LiveFeed.Publish([AlertPayloads.Traffic("junction-12-cam-a", T0.AddMinutes(2), 86.5)]);
        AlertRecord a = Assert.Single(engine.Active);
        Assert.Equal(("junction-12-cam-a", "north", 86.5, "junction-12"), (a.Device, a.Subject, a.Value, a.Site));

        // A late interval (outbox catching up) does not resolve it; the next real one does.
        host.LiveFeed.Publish([AlertPayloads.Traffic("junction-12-cam-a", T0.AddMinutes(1), 10)]);
        Assert.Single(engine.Active);
        host.LiveFeed.Publish([AlertPayloads.Traffic("junction-12-cam-a", T0.AddMinutes(3), 40)]);
        Assert.Empty(engine.Active);
    }

    [Fact]
    public async Task Offline_rule_fires_on_the_clock_and_resolves_when_the_device_is_heard_again()
    {
        var clock = new ManualClock(T0);
        await using H6Host host = await H6Host.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        AlertEngine engine = host.Services.GetRequiredService<AlertEngine>();
        Rule(host, AlertMetrics.OfflineMinutes, ">", 10, 0, device: "demo-edge-01");

        host.LiveFeed.Publish([AlertPayloads.Status("demo-edge-01", T0, DeviceState.Online, null)]);
        engine.CheckOffline(T0.AddMinutes(9));
        Assert.Empty(engine.Active);
        engine.CheckOffline(T0.AddMinutes(10.5));
        AlertRecord a = Assert.Single(engine.Active);
        Assert.Equal(T0, a.Since);
        Assert.Equal(10.5, a.Value);

        clock.Now = T0.AddMinutes(11.1);
        host.LiveFeed.Publish([AlertPayloads.Traffic("demo-edge-01", T0.AddMinutes(11), 5)]);
        Assert.Empty(engine.Active); // resolved by the message itself, not only by the next tick
        engine.CheckOffline(T0.AddMinutes(11.2));
        Assert.Empty(engine.Active);

        // A last will counts from the moment it says offline.
        clock.Now = T0.AddMinutes(12);
        host.LiveFeed.Publish([AlertPayloads.Status("demo-edge-01", T0.AddMinutes(12), DeviceState.Offline, null)]);
        engine.CheckOffline(T0.AddMinutes(20));
        Assert.Empty(engine.Active);
        engine.CheckOffline(T0.AddMinutes(22.5));
        Assert.Equal(T0.AddMinutes(12), Assert.Single(engine.Active).Since);
    }

    [Fact]
    public async Task Rules_and_alerts_survive_a_restart()
    {
        string data;
        string ruleId;
        await using (H6Host host = await H6Host.StartAsync())
        {
            data = host.Options.DataDirectory;
            ruleId = Rule(host, AlertMetrics.QueueMetres, ">", 80, 0).Id;
            host.LiveFeed.Publish([AlertPayloads.Traffic("demo-edge-01", T0.AddMinutes(1), 120)]);
            Assert.Single(host.Services.GetRequiredService<AlertEngine>().Active);
            File.Copy(Path.Combine(data, "alerts", "rules.json"), Path.Combine(Path.GetTempPath(), ruleId + ".rules.json"));
            File.Copy(Path.Combine(data, "alerts", "alerts.json"), Path.Combine(Path.GetTempPath(), ruleId + ".alerts.json"));
        }

        await using H6Host second = await H6Host.StartAsync();
        Directory.CreateDirectory(Path.Combine(second.Root, "copy", "alerts"));
        File.Move(Path.Combine(Path.GetTempPath(), ruleId + ".rules.json"), Path.Combine(second.Root, "copy", "alerts", "rules.json"));
        File.Move(Path.Combine(Path.GetTempPath(), ruleId + ".alerts.json"), Path.Combine(second.Root, "copy", "alerts", "alerts.json"));
        var rules = new AlertRuleStore(Path.Combine(second.Root, "copy"));
        Assert.Equal(ruleId, Assert.Single(rules.All).Id);
        string alerts = await File.ReadAllTextAsync(Path.Combine(second.Root, "copy", "alerts", "alerts.json"));
        using JsonDocument doc = JsonDocument.Parse(alerts);
        Assert.Equal(120, doc.RootElement.GetProperty("active")[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Rule_api_needs_an_operator_and_the_csrf_header_and_checks_the_rule()
    {
        await using H6Host host = await H6Host.StartAsync();
        var body = new { name = "Queue", metric = "queue_m", comparison = ">", threshold = 80, durationMinutes = 0 };
        using HttpClient anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/alerts/rules", body)).StatusCode);

        using HttpClient op = await host.SignedInAsync(DashboardRoles.Operator);
        using HttpResponseMessage noToken = await op.PostAsJsonAsync("/api/v1/alerts/rules", body);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("antiforgery", await noToken.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        string token = await CsrfTokenAsync(op);
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/rules") { Content = JsonContent.Create(body with { }) };
        using var badRule = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/rules")
        {
            Content = JsonContent.Create(new { metric = "noise_db", comparison = ">", threshold = 1 }),
        };
        badRule.Headers.Add(AntiforgeryHtml.HeaderName, token);
        using HttpResponseMessage refused = await op.SendAsync(badRule);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (JsonDocument p = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("metric", p.RootElement.GetProperty("field").GetString());
        }

        bad.Headers.Add(AntiforgeryHtml.HeaderName, token);
        using HttpResponseMessage created = await op.SendAsync(bad);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        AlertRule rule = Assert.Single(host.Services.GetRequiredService<AlertRuleStore>().All);
        Assert.Equal(("queue_m", AlertComparison.Above, 80.0, "operator-user"), (rule.Metric, rule.Comparison, rule.Threshold, rule.CreatedBy));
        AuditEntry audit = host.Services.GetRequiredService<AuditLog>().Recent(1)[0];
        Assert.Equal(("alert-rule.create", rule.Id), (audit.Action, audit.Target));
        Assert.Equal("above", audit.After!["comparison"]!.GetValue<string>());
    }

    internal static async Task<string> CsrfTokenAsync(HttpClient client)
    {
        string html = await client.GetStringAsync(new Uri("/alerts", UriKind.Relative));
        var m = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(m.Success, "no antiforgery token on /alerts");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }
}
