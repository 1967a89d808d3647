using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.DeviceConfig;
using SmartCity.Cloud.Dashboard.Tests.Alerts;
using SmartCity.Cloud.Dashboard.Tests.Auth;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.DeviceConfig;

public sealed class DeviceConfigTests
{
    private const string Device = "demo-edge-01";

    internal static JsonObject Section(string lineJson) => JsonNode.Parse($$"""
        {
          "camera": "demo-edge-01-cam",
          "lines": [ {{lineJson}} ],
          "zones": [ { "name": "bar", "polygon": [[300, 300], [360, 300], [360, 340], [300, 340]], "detectorChannel": 1 } ],
          "approaches": [ { "name": "north", "side": "north", "entryZone": [[280, 60], [320, 60], [320, 160], [280, 160]],
                            "exitZone": [[320, 60], [360, 60], [360, 160], [320, 160]], "stopLine": { "start": [280, 160], "end": [320, 160] } } ],
          "calibration": { "imagePoints": [[100, 400], [540, 400], [420, 200], [220, 200]], "groundPoints": [[0, 0], [20, 0], [20, 30], [0, 30]] }
        }
        """)!.AsObject();

    internal static async Task<HttpResponseMessage> PutAsync(HttpClient client, JsonObject section)
    {
        string token = await AlertEngineTests.CsrfTokenAsync(client);
        using var req = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/devices/{Device}/config")
        {
            Content = new StringContent(section.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        req.Headers.Add(AntiforgeryHtml.HeaderName, token);
        return await client.SendAsync(req);
    }

    [Fact]
    public async Task A_valid_section_is_saved_into_the_file_keeping_everything_else_and_audit_logged()
    {
        await using H6Host host = await H6Host.StartAsync();
        string path = Path.Combine(host.Options.DeviceConfigDirectory, "demo-intersection.json");
        string original = await File.ReadAllTextAsync(path);
        using HttpClient op = await host.SignedInAsync(DashboardRoles.Operator, "tech");
        JsonObject section = Section("""{ "name": "north-stop", "start": [280, 160], "end": [320, 160], "in": [0, 1] }""");

        using HttpResponseMessage r = await PutAsync(op, section);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        string saved = await File.ReadAllTextAsync(path);
        Assert.StartsWith(original[..original.IndexOf("\"detector\"", StringComparison.Ordinal)], saved, StringComparison.Ordinal); // comments and sections kept
        Assert.Contains("// The demo device", saved, StringComparison.Ordinal);
        JsonNode root = JsonNode.Parse(saved, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        Assert.True(JsonNode.DeepEquals(section, root["analytics"]));
        Assert.Equal("models/demo-traffic", root["detector"]!["model"]!.GetValue<string>());

        // The agent reads it back with its rules and Part 2 accepts it.
        CameraAnalyticsOptions options = root["analytics"].Deserialize<CameraAnalyticsOptions>(AnalyticsSectionValidator.Json)!;
        Assert.Equal([0f, 1f], options.Lines[0].In);
        _ = CameraAnalytics.Create(options, Device, 640, 480);

        AuditEntry e = host.Services.GetRequiredService<AuditLog>().Recent(1)[0];
        Assert.Equal(("tech", "device-config.save", Device), (e.User, e.Action, e.Target));
        Assert.Null(e.Before); // the demo file had no analytics section
        Assert.True(JsonNode.DeepEquals(section, e.After));

        // A second save records the first as "before".
        section["lines"]![0]!["name"] = "north-stop-2";
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(op, section)).StatusCode);
        AuditEntry e2 = host.Services.GetRequiredService<AuditLog>().Recent(1)[0];
        Assert.Equal("north-stop", e2.Before!["lines"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("north-stop-2", e2.After!["lines"]![0]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ "name": "bad", "start": [280, 160], "end": [900, 160], "in": [0, 1] }""", "line 'bad'")]
    [InlineData("""{ "name": "parallel", "start": [280, 160], "end": [320, 160], "in": [1, 0] }""", "line 'parallel'")]
    [InlineData("""{ "name": "typo", "start": [280, 160], "end": [320, 160], "inn": [0, 1] }""", "inn")]
    public async Task Invalid_geometry_is_refused_with_a_clear_message_and_nothing_is_written(string line, string named)
    {
        await using H6Host host = await H6Host.StartAsync();
        string path = Path.Combine(host.Options.DeviceConfigDirectory, "demo-intersection.json");
        byte[] before = await File.ReadAllBytesAsync(path);
        using HttpClient op = await host.SignedInAsync(DashboardRoles.Operator);

        using HttpResponseMessage r = await PutAsync(op, Section(line));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using JsonDocument p = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        string detail = p.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(named, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(host.Options.DeviceConfigDirectory, "*.tmp"));
        Assert.DoesNotContain(host.Services.GetRequiredService<AuditLog>().Recent(10), a => a.Action == "device-config.save");
    }

    [Fact]
    public async Task The_editor_needs_an_operator_and_the_csrf_header()
    {
        await using H6Host host = await H6Host.StartAsync();
        using HttpClient anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri($"/api/v1/devices/{Device}/config", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(new Uri($"/devices/{Device}/config", UriKind.Relative))).StatusCode);

        using HttpClient op = await host.SignedInAsync(DashboardRoles.Operator);
        using HttpResponseMessage noToken = await op.PutAsJsonAsync($"/api/v1/devices/{Device}/config", Section("""{ "name": "l", "start": [280, 160], "end": [320, 160], "in": [0, 1] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(new Uri("/api/v1/devices/no-such-device/config", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_simulated_camera_gets_a_rendered_png_snapshot_and_a_suggested_layout()
    {
        await using H6Host host = await H6Host.StartAsync();
        using HttpClient op = await host.SignedInAsync(DashboardRoles.Operator);
        using HttpResponseMessage png = await op.GetAsync(new Uri($"/api/v1/devices/{Device}/snapshot", UriKind.Relative));
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        byte[] bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.Equal((640, 480), (bitmap.Width, bitmap.Height));
        // A rendered road scene, not a blank image: many distinct colours.
        Assert.True(bitmap.Pixels.Distinct().Take(500).Count() >= 500);

        using JsonDocument view = JsonDocument.Parse(await op.GetStringAsync(new Uri($"/api/v1/devices/{Device}/config", UriKind.Relative)));
        Assert.True(view.RootElement.GetProperty("suggested").GetBoolean());
        Assert.Equal(640, view.RootElement.GetProperty("frameWidth").GetInt32());
        JsonObject suggestion = JsonNode.Parse(view.RootElement.GetProperty("analytics").GetRawText())!.AsObject();
        Assert.Null(AnalyticsSectionValidator.Validate(suggestion, Device, 640, 480)); // the suggestion itself is valid

        // A real camera without a snapshot: a clear message, no image.
        using HttpResponseMessage none = await op.GetAsync(new Uri("/api/v1/devices/junction-12-cam-a/snapshot", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("has not provided a calibration snapshot", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"a\": 1 }", "{ \"a\": 1,\n  \"analytics\": {\"x\":1} }")]
    [InlineData("{\n  // c\n  \"a\": 1, // keep\n  \"analytics\": { \"old\": [1, 2] },\n  \"b\": 2\n}", "{\n  // c\n  \"a\": 1, // keep\n  \"analytics\": {\"x\":1},\n  \"b\": 2\n}")]
    [InlineData("{ }", "{\n  \"analytics\": {\"x\":1}\n }")]
    public void Splicing_replaces_only_the_section(string before, string after)
    {
        Type splice = typeof(DeviceConfigStore).Assembly.GetType("SmartCity.Cloud.Dashboard.DeviceConfig.JsonPropertySplice")!;
        string result = (string)splice.GetMethod("Set")!.Invoke(null, [before, "analytics", "{\"x\":1}"])!;
        Assert.Equal(after, result);
    }
}
