using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.OpenData;

/// <summary>The open-data page: what can be downloaded, in which formats, and a form to pick range and devices.</summary>
internal static class OpenDataPage
{
    public static IResult Render(HttpContext ctx, DashboardOptions options)
    {
        DateTimeOffset to = DateTimeOffset.UtcNow;
        to = new DateTimeOffset(to.Year, to.Month, to.Day, to.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        DateTimeOffset from = to.AddDays(-1);
        string F(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var b = new StringBuilder(8192);
        b.Append("<div class=\"card\"><h2>Download</h2><form class=\"stack-form\" id=\"open-data-form\" onsubmit=\"return false\">")
            .Append("<label>From (UTC)<input type=\"datetime-local\" id=\"od-from\" value=\"").Append(F(from)).Append("\"></label>")
            .Append("<label>To (UTC)<input type=\"datetime-local\" id=\"od-to\" value=\"").Append(F(to)).Append("\"></label>")
            .Append("<label>Device<select id=\"od-device\"><option value=\"\">all devices</option>");
        foreach (DashboardDevice d in options.Devices.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            b.Append("<option value=\"").Append(Html.A(d.Id)).Append("\">").Append(Html.E(d.Name ?? d.Id)).Append("</option>");
        }

        b.Append("</select></label></form><table class=\"data downloads\" id=\"downloads\"><thead><tr><th>Data set</th><th>Bins</th><th>Formats</th></tr></thead><tbody>")
            .Append(Row("Traffic counts per counting line, turning movement, direction and class", "15 minutes",
                ("CSV", "/api/open/v1/traffic.csv"), ("JSON", "/api/open/v1/traffic.json"), ("FIWARE TrafficFlowObserved (JSON-LD)", "/api/open/v1/fiware/TrafficFlowObserved")))
            .Append(Row("Air quality: PM2.5, PM10, PM1, CO₂, temperature, humidity, pressure per sensor", "1 hour",
                ("CSV", "/api/open/v1/air.csv"), ("JSON", "/api/open/v1/air.json"), ("FIWARE AirQualityObserved (JSON-LD)", "/api/open/v1/fiware/AirQualityObserved")))
            .Append("</tbody></table></div>");
        b.Append("<div class=\"grid-2\"><div class=\"card\"><h2>How to read it</h2><ul class=\"plain\">")
            .Append("<li>All times are UTC; a bin runs from <code>start_utc</code> (inclusive) to <code>end_utc</code> (exclusive).</li>")
            .Append("<li>A bin without a row had <strong>no data</strong> from that device (offline, camera down) — absent, not zero.</li>")
            .Append("<li>Counts are made on the device from video that never leaves it; the accuracy of each model is in the <a href=\"/registry\">AI registry</a>.</li>")
            .Append("<li>Air values are raw sensor means of low-cost sensors with quality flags applied on the device; they are not reference-grade measurements.</li>")
            .Append("<li>FIWARE entities are NGSI-LD normalized; add <code>options=keyValues</code> for the simplified form and <code>vehicleType=car</code> (bus, truck, motorcycle, bicycle) for one class.</li>")
            .Append("</ul></div><div class=\"card\"><h2>API</h2><p>Query parameters: <code>from</code>, <code>to</code> (RFC 3339, e.g. <code>2026-05-14T06:00:00Z</code>; default the last 24 h), ")
            .Append("<code>device</code> (comma-separated ids). Up to ").Append(options.Auth.OpenDataPermitsPerWindow.ToString(CultureInfo.InvariantCulture))
            .Append(" requests per ").Append(options.Auth.RateLimitWindow.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)).Append(" min per address and ")
            .Append(options.MaxCsvRows.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows per answer; a longer request is refused with a message saying how to narrow it. ")
            .Append("Full description: <a href=\"/openapi/v1.json\">OpenAPI document</a>. Licence of the data: open, attribution to the city.</p></div></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Open data",
            Subtitle = "Traffic and air-quality aggregates for everyone, free of charge, without an account.",
            ActiveHref = "/open-data",
            Body = b.ToString(),
            Scripts = ["/assets/open-data.js"],
            Styles = ["/assets/auth.css", "/assets/open-data.css"],
        });
    }

    private static string Row(string title, string bins, params (string Label, string Href)[] links)
    {
        var b = new StringBuilder();
        b.Append("<tr><td>").Append(Html.E(title)).Append("</td><td>").Append(Html.E(bins)).Append("</td><td class=\"formats\">");
        foreach (var (label, href) in links)
        {
            b.Append("<a class=\"btn download\" data-base=\"").Append(Html.A(href)).Append("\" href=\"").Append(Html.A(href)).Append("\">").Append(Html.E(label)).Append("</a> ");
        }

        return b.Append("</td></tr>").ToString();
    }
}
