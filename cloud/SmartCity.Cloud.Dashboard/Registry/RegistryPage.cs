using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>The public AI registry page (no sign-in).</summary>
internal static class RegistryPage
{
    public static IResult Render(HttpContext ctx, RegistryView view, IReadOnlyList<string> problems)
    {
        var b = new StringBuilder(16384);
        b.Append("<div class=\"grid-3 registry-facts\">")
            .Append("<div class=\"card\"><h2>Responsible</h2><p class=\"fact\" id=\"department\">").Append(Html.E(view.Department)).Append("</p><p class=\"muted\">Contact: ")
            .Append(ContactLink(view.Contact)).Append("</p></div>")
            .Append("<div class=\"card\"><h2>Retention</h2><p id=\"retention\">").Append(Html.E(view.Retention)).Append("</p></div>")
            .Append("<div class=\"card\"><h2>Models on the street</h2><p class=\"fact\"><span class=\"big\" id=\"deployed-count\">")
            .Append(view.Models.Count(m => m.Deployments.Count > 0).ToString(CultureInfo.InvariantCulture)).Append("</span> of ")
            .Append(view.Models.Count.ToString(CultureInfo.InvariantCulture)).Append(" registered models run on ")
            .Append(view.Models.Sum(m => m.Deployments.Count).ToString(CultureInfo.InvariantCulture)).Append(" devices.</p></div></div>");

        b.Append("<div class=\"card\"><h2>What leaves the devices</h2><p>The analysis runs on the device on the pole. Only summaries are sent:</p><ul class=\"leaves\" id=\"data-leaving\">");
        foreach (string line in view.DataLeavingDevices)
        {
            int dash = line.IndexOf(" — ", StringComparison.Ordinal);
            b.Append("<li>");
            if (dash > 0)
            {
                b.Append("<strong>").Append(Html.E(line[..dash])).Append("</strong>").Append(Html.E(line[dash..]));
            }
            else
            {
                b.Append("<strong>").Append(Html.E(line)).Append("</strong>");
            }

            b.Append("</li>");
        }

        b.Append("</ul></div>");

        foreach (string p in problems)
        {
            b.Append("<div class=\"notice error\">A model file could not be read: ").Append(Html.E(p)).Append("</div>");
        }

        foreach (RegistryModelView m in view.Models.Where(m => m.Deployments.Count > 0))
        {
            AppendModel(b, m, collapsed: false);
        }

        List<RegistryModelView> idle = [.. view.Models.Where(m => m.Deployments.Count == 0)];
        if (idle.Count > 0)
        {
            b.Append("<h2 class=\"section-head\">Registered, not deployed</h2><p class=\"muted\">Models with a card that no device reports running now.</p>");
            foreach (RegistryModelView m in idle)
            {
                AppendModel(b, m, collapsed: true);
            }
        }

        if (view.UnregisteredDeployments.Count > 0)
        {
            b.Append("<div class=\"card\" id=\"unregistered\"><h2>Devices running a model without a card here</h2><p class=\"notice error\">These devices report a model whose name, version or sha256 matches no model card in this registry.</p>");
            AppendDeployments(b, view.UnregisteredDeployments.Select(d => new RegistryDeploymentView(d, null)).ToList(), showModel: true);
            b.Append("</div>");
        }

        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Public AI registry",
            Subtitle = "Every AI model this city runs on its streets: what it is for, what it was trained on, how well it works, where it runs and what data it produces.",
            ActiveHref = "/registry",
            Body = b.ToString(),
            Styles = ["/assets/registry.css"],
        });
    }

    private static void AppendModel(StringBuilder b, RegistryModelView m, bool collapsed)
    {
        ModelCard c = m.Card;
        b.Append(collapsed ? "<details class=\"card model-card\"" : "<article class=\"card model-card\"").Append(" id=\"model-").Append(Html.A(c.Folder))
            .Append("\" data-model=\"").Append(Html.A(c.Name)).Append("\">")
            .Append(collapsed ? "<summary class=\"model-head\">" : "<header class=\"model-head\">").Append("<h2>").Append(Html.E(c.Name))
            .Append(" <span class=\"version\">v").Append(Html.E(c.Version)).Append("</span></h2>")
            .Append(m.Deployments.Count > 0
                ? "<span class=\"badge ok\">in use on " + m.Deployments.Count.ToString(CultureInfo.InvariantCulture) + " device" + (m.Deployments.Count == 1 ? "" : "s") + "</span>"
                : "<span class=\"badge muted\">not deployed</span>")
            .Append(collapsed ? "<span class=\"purpose-short\">" + Html.E(FirstSentence(c.IntendedUse)) + "</span>" : "")
            .Append(collapsed ? "</summary>" : "</header>");
        b.Append("<dl class=\"card-facts\">")
            .Append("<dt>Purpose</dt><dd class=\"purpose\">").Append(Html.E(c.IntendedUse)).Append("</dd>")
            .Append("<dt>Training data</dt><dd>").Append(Html.E(c.TrainingData)).Append("</dd>")
            .Append("<dt>Classes</dt><dd class=\"classes\">");
        foreach (string cls in c.Classes.Take(40))
        {
            string? traffic = c.TrafficClasses.TryGetValue(cls, out string? t) ? t : null;
            b.Append("<span class=\"chip").Append(traffic is null ? " unmapped" : "").Append("\" title=\"")
                .Append(Html.A(traffic is null ? "detected, not counted" : "counted as " + traffic)).Append("\">").Append(Html.E(cls)).Append("</span>");
        }

        if (c.Classes.Count > 40)
        {
            b.Append("<span class=\"muted\"> and ").Append((c.Classes.Count - 40).ToString(CultureInfo.InvariantCulture)).Append(" more</span>");
        }

        b.Append("</dd><dt>Known limits</dt><dd>").Append(Html.E(c.Limits)).Append("</dd>")
            .Append("<dt>Licence</dt><dd class=\"licence\">").Append(Html.E(c.Licence)).Append("</dd>")
            .Append("<dt>SHA-256</dt><dd><code class=\"sha\">").Append(Html.E(c.Sha256)).Append("</code></dd>")
            .Append("<dt>Format, input</dt><dd>").Append(Html.E(c.Format)).Append(", ").Append(Html.E(c.InputSize)).Append(" px</dd>");
        foreach (var (k, v) in c.Details)
        {
            b.Append("<dt>").Append(Html.E(Humanize(k))).Append("</dt><dd>").Append(Html.E(v)).Append("</dd>");
        }

        b.Append("</dl>");
        b.Append("<h3>Where it runs</h3>");
        if (m.Deployments.Count == 0)
        {
            b.Append("<p class=\"empty\">No device reports running this model.</p>");
        }
        else
        {
            AppendDeployments(b, m.Deployments, showModel: false);
        }

        if (c.Metrics.Count > 0)
        {
            b.Append("<h3>Measured accuracy and speed</h3><dl class=\"metrics-grid\">");
            foreach (var (k, v) in c.Metrics)
            {
                b.Append("<div><dt><code>").Append(Html.E(k)).Append("</code></dt><dd>").Append(Html.E(v.ToString("0.####", CultureInfo.InvariantCulture))).Append("</dd></div>");
            }

            b.Append("</dl>");
        }

        b.Append(collapsed ? "</details>" : "</article>");
    }

    private static void AppendDeployments(StringBuilder b, IReadOnlyList<RegistryDeploymentView> list, bool showModel)
    {
        b.Append("<table class=\"data deployments\"><thead><tr><th>Device</th><th>Site</th>").Append(showModel ? "<th>Model reported</th>" : "")
            .Append("<th>Running since (UTC)</th><th>Last report</th><th>Model hash</th></tr></thead><tbody>");
        foreach (RegistryDeploymentView v in list)
        {
            ModelDeployment d = v.Deployment;
            b.Append("<tr data-device=\"").Append(Html.A(d.Device)).Append("\"><td>").Append(Html.E(d.Device)).Append("</td><td>").Append(Html.E(d.Site)).Append("</td>");
            if (showModel)
            {
                b.Append("<td><code>").Append(Html.E(d.ModelVersion)).Append("</code></td>");
            }

            b.Append("<td class=\"since\">").Append(Html.E(d.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</td><td>")
                .Append(Html.E(d.LastSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append("</td><td>")
                .Append(v.HashVerified switch
                {
                    true => "<span class=\"badge ok\">matches the card</span>",
                    false => "<span class=\"badge bad\">differs</span>",
                    null => "<span class=\"badge muted\">not reported</span>",
                })
                .Append("</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static string FirstSentence(string text)
    {
        int dot = text.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? text[..(dot + 1)] : text;
    }

    private static string ContactLink(string contact) =>
        contact.Contains('@', StringComparison.Ordinal) && !contact.Contains(' ', StringComparison.Ordinal)
            ? $"<a href=\"mailto:{Html.A(contact)}\">{Html.E(contact)}</a>"
            : contact.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? $"<a href=\"{Html.A(contact)}\">{Html.E(contact)}</a>" : Html.E(contact);

    private static string Humanize(string key)
    {
        var s = new StringBuilder(key.Length + 4);
        foreach (char ch in key)
        {
            if (char.IsUpper(ch) && s.Length > 0)
            {
                s.Append(' ');
            }

            s.Append(s.Length == 0 ? char.ToUpperInvariant(ch) : char.ToLowerInvariant(ch));
        }

        return s.ToString();
    }
}
