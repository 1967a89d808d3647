using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>The device list and the drawing editor.</summary>
internal static class DeviceConfigPage
{
    public static IResult RenderList(HttpContext ctx, DeviceConfigStore store)
    {
        var problems = new List<string>();
        IReadOnlyList<DeviceConfigFile> files = store.List(problems);
        var b = new StringBuilder();
        foreach (string p in problems)
        {
            b.Append("<div class=\"notice error\">A configuration file could not be read: ").Append(Html.E(p)).Append("</div>");
        }

        b.Append("<div class=\"card\"><table class=\"data\" id=\"device-configs\"><thead><tr><th>Device</th><th>Site</th><th>Camera source</th><th>Analytics</th><th>File</th><th></th></tr></thead><tbody>");
        if (files.Count == 0)
        {
            b.Append("<tr><td colspan=\"6\" class=\"empty\">No device configuration file in ").Append(Html.E(store.Directory)).Append(".</td></tr>");
        }

        foreach (DeviceConfigFile f in files)
        {
            JsonObject? a = null;
            try
            {
                a = DeviceConfigStore.ReadAnalytics(f);
            }
            catch (System.Text.Json.JsonException)
            {
            }

            string summary = a is null
                ? (f.IsSynthetic ? "<span class=\"badge muted\">derived from the scene</span>" : "<span class=\"badge warn\">none drawn yet</span>")
                : $"<span class=\"badge ok\">{Count(a, "lines")} lines · {Count(a, "zones")} zones · {Count(a, "approaches")} approaches{(a["calibration"] is JsonObject ? " · calibrated" : "")}</span>";
            b.Append("<tr><td>").Append(Html.E(f.DeviceId)).Append("</td><td>").Append(Html.E(f.Site)).Append("</td><td>").Append(Html.E(f.SourceType))
                .Append(f.IsSynthetic ? " (" + Html.E(f.Scenario) + ")" : "").Append("</td><td>").Append(summary).Append("</td><td><code>")
                .Append(Html.E(Path.GetFileName(f.Path))).Append("</code></td><td><a class=\"btn primary\" href=\"/devices/").Append(Html.A(Uri.EscapeDataString(f.DeviceId)))
                .Append("/config\">Edit</a></td></tr>");
        }

        b.Append("</tbody></table></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Device configuration",
            Subtitle = "Counting lines, zones, approaches and calibration of each camera, drawn on its calibration snapshot.",
            ActiveHref = "/devices/config",
            Body = b.ToString(),
        });
    }

    public static IResult RenderMissing(HttpContext ctx, string id) => PageLayout.Render(ctx, new PageContent
    {
        Title = "Unknown device",
        ActiveHref = "/devices/config",
        StatusCode = StatusCodes.Status404NotFound,
        Body = "<div class=\"card\"><p class=\"notice error\">There is no configuration file for device <strong>" + Html.E(id)
            + "</strong>.</p><p><a href=\"/devices/config\">All devices</a></p></div>",
    });

    public static IResult RenderEditor(HttpContext ctx, DeviceConfigFile file, CalibrationSnapshots.Snapshot? snapshot, (JsonObject? Analytics, bool Suggested) loaded)
    {
        int? w = snapshot?.Width ?? file.Width;
        int? h = snapshot?.Height ?? file.Height;
        var b = new StringBuilder(8192);
        b.Append("<div class=\"toolbar\"><a class=\"btn\" href=\"/devices/config\">← All devices</a><span class=\"muted\">Site <strong>").Append(Html.E(file.Site))
            .Append("</strong> · source ").Append(Html.E(file.SourceType)).Append(" · frame ")
            .Append(w is null ? "size unknown" : $"{w.Value.ToString(CultureInfo.InvariantCulture)}×{h!.Value.ToString(CultureInfo.InvariantCulture)} px")
            .Append(" · file <code>").Append(Html.E(Path.GetFileName(file.Path))).Append("</code></span></div>");
        if (loaded.Suggested)
        {
            b.Append("<div class=\"notice info\">The file has no analytics section yet; the layout below is derived from the simulated scene. Adjust it and save to write it into the file.</div>");
        }

        if (snapshot is null)
        {
            b.Append("<div class=\"notice error\">This device has not provided a calibration snapshot yet, so there is nothing to draw on. Request one from the device with <code>smartcity-server snapshot --device ")
                .Append(Html.E(file.DeviceId)).Append("</code> (it arrives, people blurred, in <code>snapshots/")
                .Append(Html.E(file.DeviceId)).Append(".png</code> in the dashboard's data folder).</div>");
        }

        b.Append("<div class=\"editor-grid\"><div class=\"card canvas-card\">")
            .Append("<div class=\"toolbar tools\" id=\"tools\" role=\"toolbar\" aria-label=\"Drawing tools\">")
            .Append(Tool("select", "Select / move", true)).Append(Tool("line", "Counting line", false)).Append(Tool("zone", "Zone", false))
            .Append(Tool("entry", "Entry zone", false)).Append(Tool("exit", "Exit zone", false)).Append(Tool("stop", "Stop line", false))
            .Append(Tool("calib", "Calibration point", false)).Append("</div>")
            .Append("<div class=\"toolbar approach-pick\" id=\"approach-pick\"><label>Approach <input id=\"approach-name\" value=\"north\" size=\"10\"></label>")
            .Append("<label>Side <select id=\"approach-side\"><option>north</option><option>east</option><option>south</option><option>west</option><option value=\"\">other</option></select></label></div>")
            .Append("<p class=\"hint\" id=\"hint\">Choose a tool, then click on the image.</p>")
            .Append("<div class=\"canvas-wrap\"><canvas id=\"editor-canvas\" width=\"").Append((w ?? 640).ToString(CultureInfo.InvariantCulture)).Append("\" height=\"")
            .Append((h ?? 480).ToString(CultureInfo.InvariantCulture)).Append("\" tabindex=\"0\" aria-label=\"Calibration snapshot\"></canvas></div>")
            .Append("<p class=\"muted snapshot-origin\">").Append(Html.E(snapshot is null ? "" : "Snapshot " + snapshot.Origin + ". Frames never leave the device; this single image is used for drawing only."))
            .Append("</p></div><div class=\"editor-side\">")
            .Append("<div class=\"card\"><h2>Elements</h2><div id=\"element-list\" class=\"element-list\"></div></div>")
            .Append("<div class=\"card\"><h2>Calibration (homography)</h2><p class=\"muted\">At least 4 image points (click with the calibration tool) and where they lie on the ground, metres.</p>")
            .Append("<table class=\"data calib\" id=\"calib-table\"><thead><tr><th>#</th><th>image x</th><th>image y</th><th>ground x (m)</th><th>ground y (m)</th><th></th></tr></thead><tbody></tbody></table></div>")
            .Append("<div class=\"card save-card\"><button class=\"btn primary\" id=\"save-config\" type=\"button\"").Append(snapshot is null ? " disabled" : "")
            .Append(">Validate and save</button><div id=\"config-message\" aria-live=\"polite\"></div></div>")
            .Append("</div></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Configure " + file.DeviceId,
            ActiveHref = "/devices/config",
            Body = b.ToString(),
            Scripts = ["/assets/config-editor.js"],
            Styles = ["/assets/config-editor.css"],
            PageData = new EditorData(
                file.DeviceId, w, h, snapshot is null ? null : $"/api/v1/devices/{Uri.EscapeDataString(file.DeviceId)}/snapshot",
                $"/api/v1/devices/{Uri.EscapeDataString(file.DeviceId)}/config", AntiforgeryHtml.Token(ctx), loaded.Analytics, loaded.Suggested),
        });
    }

    private static string Tool(string id, string title, bool active) =>
        $"<button type=\"button\" class=\"btn tool{(active ? " active" : "")}\" data-tool=\"{id}\" id=\"tool-{id}\" aria-pressed=\"{(active ? "true" : "false")}\">{Html.E(title)}</button>";

    private static int Count(JsonObject a, string key) => a[key] is JsonArray arr ? arr.Count : 0;

    /// <summary>What the editor script reads from the page.</summary>
    internal sealed record EditorData(string Device, int? Width, int? Height, string? SnapshotUrl, string SaveUrl, string CsrfToken, JsonObject? Analytics, bool Suggested);
}
