using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Live;

namespace SmartCity.Cloud.Dashboard.Layout;

/// <summary>The one HTML shell every page is rendered in: top bar with the navigation, main area, footer.</summary>
public static class PageLayout
{
    private static readonly JsonSerializerOptions PageDataJson = new(JsonSerializerDefaults.Web);

    /// <summary>Renders a full page.</summary>
    public static IResult Render(HttpContext context, PageContent page)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        IServiceProvider services = context.RequestServices;
        DashboardOptions options = services.GetRequiredService<DashboardOptions>();
        DashboardNavigation nav = services.GetRequiredService<DashboardNavigation>();
        var html = new StringBuilder(4096 + page.Body.Length);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(page.Title)).Append(" · ").Append(Html.E(options.Title)).Append("</title>")
            .Append("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">")
            .Append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">");
        if (services.GetService<IAntiforgery>() is { } antiforgery && antiforgery.GetAndStoreTokens(context).RequestToken is { } token)
        {
            html.Append("<meta name=\"csrf-token\" content=\"").Append(Html.A(token)).Append("\">");
        }

        foreach (string css in page.Styles)
        {
            html.Append("<link rel=\"stylesheet\" href=\"").Append(Html.A(css)).Append("\">");
        }

        html.Append("</head><body>")
            .Append("<header class=\"topbar\"><a class=\"brand\" href=\"/\"><svg class=\"logo\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">")
            .Append("<circle cx=\"12\" cy=\"12\" r=\"10\"/><path d=\"M7 15l3-4 3 3 4-6\"/></svg><span>").Append(Html.E(options.Title)).Append("</span></a>")
            .Append("<nav class=\"mainnav\" aria-label=\"Main\">");
        foreach (NavItem item in nav.Items)
        {
            if (item.RequiredRole is { } role && !context.User.IsInRole(role))
            {
                continue;
            }

            bool active = string.Equals(item.Href, page.ActiveHref, StringComparison.Ordinal);
            html.Append("<a href=\"").Append(Html.A(item.Href)).Append('"').Append(active ? " class=\"active\" aria-current=\"page\"" : "")
                .Append('>').Append(Html.E(item.Title)).Append("</a>");
        }

        html.Append("</nav><div class=\"header-items\">")
            .Append("<span class=\"live-indicator\" id=\"live-indicator\" title=\"Live updates\" data-state=\"connecting\"");
        if (services.GetService<DashboardLiveFeed>() is { } feed)
        {
            // What the page shows is at least this recent: the live stream's hello tells the page whether it missed anything.
            html.Append(" data-generation=\"").Append(feed.Generation.ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        html.Append("><i></i><span>connecting</span></span>");
        foreach (IDashboardHeaderItem item in services.GetServices<IDashboardHeaderItem>())
        {
            html.Append(item.RenderHtml(context));
        }

        html.Append("</div></header><main class=\"page\">");
        if (page.H1)
        {
            html.Append("<div class=\"page-head\"><h1>").Append(Html.E(page.Title)).Append("</h1>");
            if (page.Subtitle is { } sub)
            {
                html.Append("<p class=\"subtitle\">").Append(Html.E(sub)).Append("</p>");
            }

            html.Append("</div>");
        }

        html.Append(page.Body).Append("</main>")
            .Append("<footer class=\"footer\">Summaries only — camera frames never leave the devices. All times UTC. <a href=\"/openapi/v1.json\">API (OpenAPI)</a></footer>");
        if (page.PageData is { } data)
        {
            // JSON inside <script>: "</" and "<!--" must not appear literally; the serializer escapes < and > as \u003C / \u003E.
            html.Append("<script type=\"application/json\" id=\"page-data\">")
                .Append(JsonSerializer.Serialize(data, data.GetType(), PageDataJson))
                .Append("</script>");
        }

        html.Append("<script src=\"/assets/dashboard.js\"></script>");
        foreach (string js in page.Scripts)
        {
            html.Append("<script src=\"").Append(Html.A(js)).Append("\"></script>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, page.StatusCode);
    }
}
