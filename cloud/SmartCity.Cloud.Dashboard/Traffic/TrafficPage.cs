using System.Globalization;
using System.Text;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Querying;

namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>The Traffic page: a filter bar rendered on the server, charts and tables drawn by <c>traffic.js</c> from the API.</summary>
internal static class TrafficPage
{
    public static string Body(DeviceDirectory.Snapshot dir, TrafficRequest? request, QueryError? error, IQueryCollectionView query)
    {
        var html = new StringBuilder(8192);
        if (error is not null)
        {
            html.Append("<div class=\"notice error\" role=\"alert\" id=\"page-error\"><b>").Append(Html.E(error.Title)).Append(".</b> ").Append(Html.E(error.Detail))
                .Append(" <a href=\"/traffic\">Reset the view</a></div>");
        }

        string site = query.Get("site") ?? "";
        string device = query.Get("device") ?? "";
        html.Append("<form class=\"toolbar\" id=\"traffic-filter\" method=\"get\" action=\"/traffic\">");
        html.Append("<label>Site<select name=\"site\" id=\"f-site\"><option value=\"\">All sites</option>");
        foreach (string s in dir.Sites)
        {
            html.Append("<option").Append(s == site ? " selected" : "").Append(" value=\"").Append(Html.A(s)).Append("\">").Append(Html.E(s)).Append("</option>");
        }

        html.Append("</select></label><label>Device<select name=\"device\" id=\"f-device\"><option value=\"\">All devices</option>");
        foreach (DashboardDevice d in dir.Devices)
        {
            html.Append("<option data-site=\"").Append(Html.A(d.Site)).Append('"').Append(d.Id == device ? " selected" : "").Append(" value=\"").Append(Html.A(d.Id)).Append("\">")
                .Append(Html.E(d.Name is null ? d.Id : $"{d.Name} ({d.Id})")).Append("</option>");
        }

        html.Append("</select></label>");
        Select(html, "Counts", "kind", query.Get("kind") ?? "line", ("line", "Counting lines"), ("movement", "Turning movements"));
        Select(html, "Series by", "group", query.Get("group") ?? "class", ("class", "Class"), ("line", "Line / movement"), ("direction", "Direction / turn"), ("device", "Device"));
        Select(html, "Bin", "bin", query.Get("bin") ?? "15m", ("15m", "15 min"), ("1h", "1 hour"));
        string from = request is null ? "" : request.Selection.From.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        string to = request is null ? "" : request.Selection.To.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        html.Append("<label>From (UTC)<input type=\"datetime-local\" name=\"from\" id=\"f-from\" value=\"").Append(Html.A(from)).Append("\"></label>")
            .Append("<label>To (UTC)<input type=\"datetime-local\" name=\"to\" id=\"f-to\" value=\"").Append(Html.A(to)).Append("\"></label>")
            .Append("<div class=\"presets\" role=\"group\" aria-label=\"Range presets\"><button type=\"button\" class=\"btn\" data-preset=\"24\">24 h</button>")
            .Append("<button type=\"button\" class=\"btn\" data-preset=\"168\">7 d</button><button type=\"button\" class=\"btn\" data-preset=\"720\">30 d</button></div>")
            .Append("<button class=\"btn primary\" type=\"submit\">Show</button>")
            .Append("<a class=\"btn\" id=\"csv-link\" href=\"#\" download>Export CSV</a></form>");

        html.Append("<section class=\"card\"><div class=\"card-head\"><h2 id=\"counts-title\">Counts</h2><span class=\"muted small\" id=\"counts-meta\"></span></div>")
            .Append("<div class=\"chart\" id=\"counts-chart\" aria-live=\"polite\"><p class=\"empty\">Loading…</p></div>")
            .Append("<p class=\"muted small\">Drag across the chart to zoom; a break in a line is a time with no data from the cameras, never a zero. ")
            .Append("An amber band marks bins where only some of the cameras reported, so the sum there is partial.</p>")
            .Append("<div id=\"counts-totals\"></div></section>");
        html.Append("<div id=\"detail-note\"></div>");
        html.Append("<section class=\"card\" id=\"tmc-card\"><div class=\"card-head\"><h2>Turning movements — peak hour</h2>")
            .Append("<span class=\"muted small\">PHF = peak-hour volume / (4 × busiest 15 min)</span></div><div id=\"tmc-tables\"></div></section>");
        html.Append("<div class=\"grid-2\"><section class=\"card\"><h2>Queue length</h2><div class=\"chart\" id=\"queue-chart\"></div></section>")
            .Append("<section class=\"card\"><h2>Speed</h2><div class=\"chart\" id=\"speed-chart\"></div></section></div>");
        return html.ToString();
    }

    private static void Select(StringBuilder html, string label, string name, string current, params (string Value, string Text)[] options)
    {
        html.Append("<label>").Append(Html.E(label)).Append("<select name=\"").Append(name).Append("\" id=\"f-").Append(name).Append("\">");
        foreach (var (value, text) in options)
        {
            html.Append("<option value=\"").Append(Html.A(value)).Append('"').Append(string.Equals(value, current, StringComparison.OrdinalIgnoreCase) ? " selected" : "")
                .Append('>').Append(Html.E(text)).Append("</option>");
        }

        html.Append("</select></label>");
    }
}

/// <summary>Read-only access to single query values for re-rendering the filter bar.</summary>
internal interface IQueryCollectionView
{
    string? Get(string name);
}
