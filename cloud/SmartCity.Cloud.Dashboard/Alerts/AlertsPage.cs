using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>The alerts page: active alerts (live), rules, a form for a new rule, past alerts.</summary>
internal static class AlertsPage
{
    public static IResult Render(
        HttpContext ctx, AlertRuleStore rules, AlertEngine engine, DashboardOptions options, string? info, string? error, AlertRuleRequest? draft)
    {
        var b = new StringBuilder(8192);
        if (info is not null)
        {
            b.Append("<div class=\"notice info\" role=\"status\">").Append(Html.E(info)).Append("</div>");
        }

        if (error is not null)
        {
            b.Append("<div class=\"notice error\" role=\"alert\" id=\"rule-error\">").Append(Html.E(error)).Append("</div>");
        }

        IReadOnlyList<AlertRecord> active = engine.Active;
        b.Append("<div class=\"card\"><h2>Active alerts <span class=\"badge ").Append(active.Count > 0 ? "bad" : "ok").Append("\" id=\"active-count\">")
            .Append(active.Count.ToString(CultureInfo.InvariantCulture)).Append("</span></h2>")
            .Append("<table class=\"data alerts\" id=\"active-alerts\"><thead><tr><th>Rule</th><th>Condition</th><th>Device</th><th>Site</th><th>Sensor / approach</th><th class=\"num\">Value</th><th class=\"num\">Peak</th><th>Holding since</th><th>Fired</th></tr></thead><tbody>");
        if (active.Count == 0)
        {
            b.Append("<tr class=\"empty-row\"><td colspan=\"9\" class=\"empty\">No alert is active.</td></tr>");
        }

        foreach (AlertRecord a in active)
        {
            AppendAlertRow(b, a, false);
        }

        b.Append("</tbody></table></div>");

        b.Append("<div class=\"grid-2\"><div class=\"card\"><h2>Rules</h2><table class=\"data\" id=\"rules\"><thead><tr><th>Name</th><th>Condition</th><th>Scope</th><th>By</th><th></th></tr></thead><tbody>");
        if (rules.All.Count == 0)
        {
            b.Append("<tr><td colspan=\"5\" class=\"empty\">No rule yet. Create one with the form.</td></tr>");
        }

        string csrf = AntiforgeryHtml.Field(ctx);
        foreach (AlertRule r in rules.All)
        {
            b.Append("<tr data-rule=\"").Append(Html.A(r.Id)).Append("\"><td>").Append(Html.E(r.Name)).Append("</td><td><code>").Append(Html.E(r.Metric)).Append("</code> ")
                .Append(Html.E(AlertEngine.ConditionText(r))).Append("</td><td>").Append(Html.E(ScopeText(r))).Append("</td><td>").Append(Html.E(r.CreatedBy))
                .Append("</td><td><form class=\"inline\" method=\"post\" action=\"/alerts/rules/").Append(Html.A(r.Id))
                .Append("/delete\" onsubmit=\"return confirm('Delete this rule? Its active alerts end now.')\">").Append(csrf)
                .Append("<button class=\"btn\" type=\"submit\" title=\"Delete this rule\">Delete</button></form></td></tr>");
        }

        b.Append("</tbody></table></div>");
        AppendForm(b, ctx, options, engine, draft, csrf);
        b.Append("</div>");

        IReadOnlyList<AlertRecord> past = engine.History;
        b.Append("<div class=\"card\"><h2>Past alerts</h2><table class=\"data alerts\" id=\"past-alerts\"><thead><tr><th>Rule</th><th>Condition</th><th>Device</th><th>Site</th><th>Sensor / approach</th><th class=\"num\">Last value</th><th class=\"num\">Peak</th><th>Holding since</th><th>Fired</th><th>Resolved</th></tr></thead><tbody>");
        if (past.Count == 0)
        {
            b.Append("<tr class=\"empty-row\"><td colspan=\"10\" class=\"empty\">No alert has ended yet.</td></tr>");
        }

        foreach (AlertRecord a in past.Take(200))
        {
            AppendAlertRow(b, a, true);
        }

        b.Append("</tbody></table></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Alerts",
            Subtitle = "Threshold rules evaluated on every new interval (and every few seconds for offline devices). Times are UTC.",
            ActiveHref = "/alerts",
            Body = b.ToString(),
            Scripts = ["/assets/alerts.js"],
            Styles = ["/assets/alerts.css", "/assets/auth.css"],
            StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        });
    }

    private static void AppendForm(StringBuilder b, HttpContext ctx, DashboardOptions options, AlertEngine engine, AlertRuleRequest? d, string csrf)
    {
        b.Append("<div class=\"card\"><h2>New rule</h2><div class=\"presets\"><span class=\"muted\">Presets:</span>")
            .Append("<button type=\"button\" class=\"btn preset\" data-metric=\"pm25_nowcast_aqi\" data-comparison=\"&gt;\" data-threshold=\"150\" data-duration=\"60\" data-name=\"PM2.5 unhealthy (NowCast AQI &gt; 150 for 1 h)\">PM2.5 AQI &gt; 150 for 1 h</button>")
            .Append("<button type=\"button\" class=\"btn preset\" data-metric=\"offline_minutes\" data-comparison=\"&gt;\" data-threshold=\"10\" data-duration=\"0\" data-name=\"Device offline &gt; 10 min\">Offline &gt; 10 min</button>")
            .Append("<button type=\"button\" class=\"btn preset\" data-metric=\"queue_m\" data-comparison=\"&gt;\" data-threshold=\"80\" data-duration=\"0\" data-name=\"Queue &gt; 80 m\">Queue &gt; 80 m</button>")
            .Append("</div><form method=\"post\" action=\"/alerts/rules\" class=\"stack-form rule-form\" id=\"rule-form\">").Append(csrf)
            .Append("<label class=\"wide\">Name<input name=\"name\" id=\"rule-name\" maxlength=\"120\" placeholder=\"made from the condition when empty\" value=\"").Append(Html.A(d?.Name)).Append("\"></label>")
            .Append("<label class=\"wide\">Metric<select name=\"metric\" id=\"rule-metric\">");
        foreach (AlertMetric m in AlertMetrics.All)
        {
            b.Append("<option value=\"").Append(Html.A(m.Name)).Append('"').Append(m.Name == d?.Metric ? " selected" : "").Append(" data-unit=\"").Append(Html.A(m.Unit)).Append("\">")
                .Append(Html.E(m.Title)).Append(" (").Append(Html.E(m.Unit)).Append(")</option>");
        }

        b.Append("</select></label><label>Comparison<select name=\"comparison\" id=\"rule-comparison\">");
        foreach (string c in new[] { ">", ">=", "<", "<=" })
        {
            b.Append("<option").Append(c == d?.Comparison ? " selected" : "").Append('>').Append(Html.E(c)).Append("</option>");
        }

        b.Append("</select></label><label><span>Threshold <span class=\"unit\" id=\"rule-unit\"></span></span><input name=\"threshold\" id=\"rule-threshold\" required inputmode=\"decimal\" value=\"")
            .Append(Html.A(d?.Threshold is { } t && double.IsFinite(t) ? t.ToString(CultureInfo.InvariantCulture) : "")).Append("\"></label>")
            .Append("<label>For (minutes)<input name=\"durationMinutes\" id=\"rule-duration\" inputmode=\"decimal\" value=\"")
            .Append(Html.A(d?.DurationMinutes is { } m2 && double.IsFinite(m2) ? m2.ToString(CultureInfo.InvariantCulture) : "0")).Append("\"></label>");

        var devices = new SortedSet<string>(options.Devices.Select(x => x.Id), StringComparer.Ordinal);
        foreach (AlertRecord a in engine.Active)
        {
            devices.Add(a.Device);
        }

        b.Append("<label>Device<select name=\"device\" id=\"rule-device\"><option value=\"\">every device</option>");
        foreach (string dev in devices)
        {
            b.Append("<option").Append(dev == d?.Device ? " selected" : "").Append(" value=\"").Append(Html.A(dev)).Append("\">").Append(Html.E(dev)).Append("</option>");
        }

        b.Append("</select></label><label>Site<select name=\"site\" id=\"rule-site\"><option value=\"\">every site</option>");
        foreach (string site in options.Devices.Select(x => x.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            b.Append("<option").Append(site == d?.Site ? " selected" : "").Append(" value=\"").Append(Html.A(site)).Append("\">").Append(Html.E(site)).Append("</option>");
        }

        b.Append("</select></label><button class=\"btn primary\" type=\"submit\" id=\"rule-create\">Create rule</button></form>")
            .Append("<p class=\"muted\">The condition must hold for the given time, counted in data time from the start of the first interval that met it. ")
            .Append("A rule on sensors or approaches alerts once per sensor or approach.</p></div>");
    }

    private static string ScopeText(AlertRule r) =>
        (r.Device, r.Site) switch
        {
            (null, null) => "all devices",
            ({ } dev, null) => dev,
            (null, { } site) => "site " + site,
            ({ } dev, { } site) => $"{dev} at {site}",
        };

    private static void AppendAlertRow(StringBuilder b, AlertRecord a, bool past)
    {
        b.Append("<tr class=\"").Append(past ? "past" : "firing").Append("\" data-alert=\"").Append(Html.A(a.Id)).Append("\"><td>").Append(Html.E(a.RuleName))
            .Append("</td><td>").Append(Html.E(a.Condition)).Append("</td><td>").Append(Html.E(a.Device)).Append("</td><td>").Append(Html.E(a.Site))
            .Append("</td><td>").Append(Html.E(a.Subject)).Append("</td><td class=\"num value\">").Append(Html.E(a.Value.ToString("0.##", CultureInfo.InvariantCulture)))
            .Append("</td><td class=\"num\">").Append(Html.E(a.Peak.ToString("0.##", CultureInfo.InvariantCulture))).Append("</td><td>").Append(Time(a.Since))
            .Append("</td><td>").Append(Time(a.Fired)).Append("</td>");
        if (past)
        {
            b.Append("<td>").Append(a.Resolved is { } r ? Time(r) : "").Append("</td>");
        }

        b.Append("</tr>");
    }

    private static string Time(DateTimeOffset t) => Html.E(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
}
