using System.Globalization;
using System.Text;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Fleet;

/// <summary>The Fleet page body: counters, the plan view and the device table (re-rendered as a fragment on live updates).</summary>
internal static class FleetPage
{
    public static string Body(FleetView view)
    {
        var html = new StringBuilder(8192);
        html.Append("<div id=\"fleet-root\" data-generated=\"").Append(Html.A(view.Now.ToString("O", CultureInfo.InvariantCulture))).Append("\">");
        html.Append("<section class=\"kpis\">")
            .Append(Kpi("Online", view.Online, "ok", "kpi-online"))
            .Append(Kpi("Offline", view.Offline, view.Offline > 0 ? "bad" : "muted", "kpi-offline"))
            .Append(Kpi("Never heard from", view.Unknown, "muted", "kpi-unknown"))
            .Append(Kpi("Devices", view.Devices.Count, "accent", "kpi-total"))
            .Append("</section>");
        html.Append("<div class=\"grid-fleet\"><section class=\"card\"><h2>Site map</h2><p class=\"muted small\">Plan view from the registered coordinates; ")
            .Append("<span class=\"dot ok\"></span> online <span class=\"dot bad\"></span> offline <span class=\"dot muted\"></span> never heard from.</p>")
            .Append(SiteMapSvg.Render(view.Devices)).Append("</section>");
        html.Append("<section class=\"card\"><h2>Attention</h2>");
        var attention = view.Devices.Where(d => d.State == "offline" || d.Health is { OutboxDepth: > 100 } || d.Health is { CpuTemperatureC: > 75 }).ToList();
        if (attention.Count == 0)
        {
            html.Append("<p class=\"empty\">All devices are online and healthy.</p>");
        }
        else
        {
            html.Append("<ul class=\"attention\">");
            foreach (FleetDevice d in attention)
            {
                string why = d.State == "offline" ? d.StateReason
                    : d.Health is { OutboxDepth: > 100 } h ? $"outbox holds {h.OutboxDepth} messages"
                    : $"CPU at {d.Health!.CpuTemperatureC:0.#} °C";
                html.Append("<li><span class=\"badge ").Append(d.State == "offline" ? "bad" : "warn").Append("\">").Append(Html.E(d.State == "offline" ? "offline" : "check"))
                    .Append("</span> <b>").Append(Html.E(d.Name)).Append("</b> <span class=\"muted\">").Append(Html.E(d.Id)).Append("</span><br><span class=\"small\">")
                    .Append(Html.E(why)).Append("</span></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section></div>");
        html.Append("<section class=\"card\"><h2>Devices</h2><div class=\"table-wrap\"><table class=\"data\" id=\"fleet-table\"><thead><tr>")
            .Append("<th>State</th><th>Device</th><th>Site</th><th>Last seen</th><th class=\"num\">Frames<br>per second</th><th class=\"num\">Inference<br><span class=\"unit\">ms</span></th>")
            .Append("<th class=\"num\">Dropped<br>frames</th><th class=\"num\">Outbox<br>messages</th><th class=\"num\">CPU<br><span class=\"unit\">°C</span></th><th>Agent</th><th>Model</th></tr></thead><tbody>");
        foreach (FleetDevice d in view.Devices)
        {
            string cls = d.State switch { "online" => "ok", "offline" => "bad", _ => "muted" };
            html.Append("<tr data-device=\"").Append(Html.A(d.Id)).Append("\" data-state=\"").Append(Html.A(d.State)).Append("\">")
                .Append("<td><span class=\"badge ").Append(cls).Append("\" title=\"").Append(Html.A(d.StateReason)).Append("\">").Append(Html.E(d.State)).Append("</span></td>")
                .Append("<td><b>").Append(Html.E(d.Name)).Append("</b>");
            if (d.Name != d.Id)
            {
                html.Append("<br><span class=\"muted small\">").Append(Html.E(d.Id)).Append("</span>");
            }

            html.Append("</td><td>").Append(Html.E(d.Site)).Append("</td><td data-field=\"last-seen\"");
            if (d.LastSeen is { } seen)
            {
                html.Append(" data-value=\"").Append(Html.A(seen.ToString("O", CultureInfo.InvariantCulture))).Append("\">")
                    .Append(Html.E(FleetService.Ago(view.Now - seen))).Append(" ago<br><span class=\"muted small\">")
                    .Append(Html.E(seen.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append("</span>");
            }
            else
            {
                html.Append("><span class=\"muted\">never</span>");
            }

            html.Append("</td>");
            FleetHealth? h = d.Health;
            Num(html, "fps", h?.Fps, "0.0");
            Num(html, "inference-ms", h?.InferenceMs, "0.0");
            Num(html, "dropped", h?.FramesDropped, "0");
            Num(html, "outbox", h?.OutboxDepth, "0", h is { OutboxDepth: > 100 } ? "warn" : null);
            Num(html, "cpu", h?.CpuTemperatureC, "0.0", h is { CpuTemperatureC: > 75 } ? "warn" : null);
            html.Append("<td data-field=\"agent\">").Append(Html.E(d.AgentVersion ?? "—")).Append("</td><td data-field=\"model\" title=\"").Append(Html.A(d.ModelVersion ?? "")).Append("\">").Append(Html.E(ShortModel(d.ModelVersion))).Append("</td></tr>");
        }

        html.Append("</tbody></table></div><p class=\"muted small\">Health is the device's latest health interval. A device is shown offline after its last will, or after ")
            .Append(Html.E(FleetService.Ago(TimeSpan.FromSeconds(view.OfflineAfterS)))).Append(" without any message.</p></section>");
        html.Append("<section class=\"card\" id=\"health-history\"><div class=\"card-head\"><h2>Health, last 24 hours</h2><label class=\"small muted\">Device ")
            .Append("<select id=\"health-device\">");
        foreach (FleetDevice d in view.Devices.Where(d => d.Health is not null))
        {
            html.Append("<option value=\"").Append(Html.A(d.Id)).Append("\">").Append(Html.E(d.Name == d.Id ? d.Id : $"{d.Name} ({d.Id})")).Append("</option>");
        }

        html.Append("</select></label></div><div class=\"grid-3\"><div class=\"chart\" id=\"health-fps\"></div><div class=\"chart\" id=\"health-inference\"></div>")
            .Append("<div class=\"chart\" id=\"health-cpu\"></div></div></section></div>");
        return html.ToString();
    }

    private static string Kpi(string label, int value, string cls, string id) =>
        $"<div class=\"kpi {cls}\" id=\"{id}\"><div class=\"kpi-value\" data-value=\"{value}\">{value}</div><div class=\"kpi-label\">{Html.E(label)}</div></div>";

    private static void Num(StringBuilder html, string field, double? value, string format, string? cls = null)
    {
        html.Append("<td class=\"num").Append(cls is null ? "" : " " + cls).Append("\" data-field=\"").Append(field).Append('"');
        if (value is { } v)
        {
            html.Append(" data-value=\"").Append(Html.N(v, "0.###")).Append("\">").Append(v.ToString(format, CultureInfo.InvariantCulture));
        }
        else
        {
            html.Append("><span class=\"muted\">—</span>");
        }

        html.Append("</td>");
    }

    // "demo-traffic@1.0.0 sha256:94a2…" keeps the table readable; the full hash is in the cell's title (and the registry).
    internal static string ShortModel(string? modelVersion)
    {
        if (string.IsNullOrEmpty(modelVersion))
        {
            return "—";
        }

        int at = modelVersion.IndexOf("sha256:", StringComparison.Ordinal);
        const int Shown = 12;
        return at < 0 || modelVersion.Length <= at + 7 + Shown ? modelVersion : string.Concat(modelVersion.AsSpan(0, at + 7 + Shown), "…");
    }
}
