using System.Text.Json;
using System.Text.Json.Serialization;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class ValidationTests
{
    /// <summary>A configuration that loads; each case breaks one element of it.</summary>
    private static CameraAnalyticsOptions Valid() => Options(o =>
    {
        o.Lines = [HorizontalLine("north-stop")];
        o.Zones = [new ZoneOptions { Name = "bay", Polygon = MovementTests.Rect(10, 10, 100, 100), DetectorChannel = 3 }];
        o.Approaches = MovementTests.FourArms();
        o.Calibration = TopDownCalibration();
    });

    public static TheoryData<string, string, string> Cases => new()
    {
        { "line-outside", "line 'north-stop'", "point (700, 20) is outside the 640x480 frame" },
        { "line-zero-length", "line 'north-stop'", "zero length" },
        { "line-zero-in", "line 'north-stop'", "vector is zero" },
        { "line-in-along", "line 'north-stop'", "runs along the line" },
        { "line-duplicate", "line 'north-stop'", "used twice" },
        { "line-no-name", "line 2", "a name is required" },
        { "line-unknown-direction", "line 'north-stop'", "directions: unknown direction 7" },
        { "zone-self-intersecting", "zone 'bay'", "crosses itself" },
        { "zone-two-points", "zone 'bay'", "at least three points" },
        { "zone-zero-area", "zone 'bay'", "zero area" },
        { "zone-outside", "zone 'bay'", "outside the 640x480 frame" },
        { "zone-duplicate-channel", "zone 'bay-2'", "channel 3 is already used" },
        { "approach-zone-outside", "approach 'north' entry zone", "lies outside the 640x480 frame" },
        { "approach-no-side", "approach 'north'", "needs a side" },
        { "approach-duplicate", "approach 'north'", "used twice" },
        { "movement-unknown", "movement 'north' → 'nowhere'", "approach 'nowhere' is not defined" },
        { "calibration-collinear", "calibration", "degenerate homography" },
        { "calibration-residual", "calibration", "residual" },
        { "stop-line-without-calibration", "approach 'north' stop line", "need a calibration" },
        { "interval", "interval", "divide a day" },
        { "max-gap", "noData.maxFrameGap", "shorter than the interval" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_refusal_names_the_device_the_camera_and_the_element(string breakage, string element, string problem)
    {
        CameraAnalyticsOptions o = Valid();
        Break(o, breakage);
        var ex = Assert.Throws<AnalyticsConfigurationException>(() => AnalyticsLayout.Compile(o, "demo-edge-01", Width, Height));
        Assert.StartsWith($"device demo-edge-01, camera cam-a, {element}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(("demo-edge-01", "cam-a", element), (ex.DeviceId, ex.Camera, ex.Element));
    }

    [Fact]
    public void The_valid_configuration_loads_and_approach_zones_reaching_beyond_the_frame_are_clipped()
    {
        CameraAnalyticsOptions o = Valid();
        o.Approaches[0].EntryZone = MovementTests.Rect(280, -200, 320, 160);
        AnalyticsLayout layout = AnalyticsLayout.Compile(o, "demo-edge-01", Width, Height);
        Assert.Equal(40 * 160, layout.Approaches[0].EntryZone.Area, 1);
        Assert.NotNull(layout.Calibration);
    }

    [Fact]
    public void A_camera_name_is_required()
    {
        CameraAnalyticsOptions o = Valid();
        o.Camera = "";
        var ex = Assert.Throws<AnalyticsConfigurationException>(() => AnalyticsLayout.Compile(o, "demo-edge-01", Width, Height));
        Assert.StartsWith("device demo-edge-01, camera (unnamed), camera: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_read_from_camel_case_json_with_unknown_keys_refused()
    {
        const string json = """
        {
          "camera": "cam-a",
          "interval": "00:05:00",
          "drivingSide": "left",
          "lines": [ { "name": "north-stop", "start": [100, 240], "end": [500, 240], "in": [0, 1], "anchor": "centre", "hysteresis": 5, "classes": ["car", "bus"], "directions": ["in"] } ],
          "zones": [ { "name": "bay", "polygon": [[10, 10], [100, 10], [100, 100]], "detectorChannel": 4 } ],
          "approaches": [
            { "name": "north", "side": "north", "entryZone": [[280, 60], [320, 60], [320, 160], [280, 160]], "exitZone": [[320, 60], [360, 60], [360, 160], [320, 160]],
              "stopLine": { "start": [280, 160], "end": [320, 160] } },
            { "name": "ne", "inboundBearing": 225, "entryZone": [[500, 10], [600, 10], [600, 60]], "exitZone": [[500, 70], [600, 70], [600, 120]] }
          ],
          "movements": [ { "from": "north", "to": "ne", "kind": "left" } ],
          "calibration": { "imagePoints": [[0, 0], [640, 0], [640, 480], [0, 480]], "groundPoints": [[0, 24], [32, 24], [32, 0], [0, 0]], "maxResidualMetres": 0.3 },
          "thresholds": { "stoppedSpeedKmh": 4, "speedWindow": "00:00:01.5", "minSpeedSamples": 5 },
          "noData": { "maxDroppedFraction": 0.1, "maxFrameGap": "00:00:03" }
        }
        """;
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        CameraAnalyticsOptions o = JsonSerializer.Deserialize<CameraAnalyticsOptions>(json, options)!;
        AnalyticsLayout layout = AnalyticsLayout.Compile(o, "demo-edge-01", Width, Height);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Interval);
        Assert.Equal(DrivingSide.Left, o.DrivingSide);
        Assert.Equal(LineAnchor.Centre, layout.Lines[0].Anchor);
        Assert.True(layout.Lines[0].Counts(TrafficClass.Bus));
        Assert.False(layout.Lines[0].Counts(TrafficClass.Truck));
        Assert.True(layout.Lines[0].Counts(CrossingDirection.In));
        Assert.False(layout.Lines[0].Counts(CrossingDirection.Out));
        Assert.Equal(225, layout.Approaches[1].InboundBearing);
        Assert.True(layout.TryGetMovement(0, 1, out MovementKind kind));
        Assert.Equal(MovementKind.Left, kind);
        Assert.Equal(4, o.Thresholds.StoppedSpeedKmh);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CameraAnalyticsOptions>("""{ "camera": "a", "lnies": [] }""", options));
    }

    private static void Break(CameraAnalyticsOptions o, string breakage)
    {
        switch (breakage)
        {
            case "line-outside": o.Lines[0].Start = [700, 20]; break;
            case "line-zero-length": o.Lines[0].End = [100, 240]; break;
            case "line-zero-in": o.Lines[0].In = [0, 0]; break;
            case "line-in-along": o.Lines[0].In = [1, 0]; break;
            case "line-unknown-direction": o.Lines[0].Directions = [CrossingDirection.In, (CrossingDirection)7]; break;
            case "line-duplicate": o.Lines = [HorizontalLine("north-stop"), HorizontalLine("north-stop")]; break;
            case "line-no-name": o.Lines = [HorizontalLine("north-stop"), HorizontalLine("")]; break;
            case "zone-self-intersecting": o.Zones[0].Polygon = [[10, 10], [100, 100], [100, 10], [10, 100]]; break;
            case "zone-two-points": o.Zones[0].Polygon = [[10, 10], [100, 100]]; break;
            case "zone-zero-area": o.Zones[0].Polygon = [[10, 10], [50, 50], [100, 100]]; break;
            case "zone-outside": o.Zones[0].Polygon = MovementTests.Rect(600, 400, 700, 470); break;
            case "zone-duplicate-channel":
                o.Zones = [o.Zones[0], new ZoneOptions { Name = "bay-2", Polygon = MovementTests.Rect(110, 10, 200, 100), DetectorChannel = 3 }];
                break;
            case "approach-zone-outside": o.Approaches[0].EntryZone = MovementTests.Rect(700, 60, 800, 160); break;
            case "approach-no-side": o.Approaches[0].Side = null; break;
            case "approach-duplicate": o.Approaches[1].Name = "north"; break;
            case "movement-unknown": o.Movements = [new MovementOptions { From = "north", To = "nowhere" }]; break;
            case "calibration-collinear": o.Calibration!.ImagePoints = [[0, 0], [320, 240], [640, 480], [0, 480]]; break;
            case "calibration-residual":
                o.Calibration!.ImagePoints = [[0, 0], [640, 0], [640, 480], [0, 480], [320, 240]];
                o.Calibration.GroundPoints = [[0, 24], [32, 24], [32, 0], [0, 0], [20, 12]];
                break;
            case "stop-line-without-calibration":
                o.Calibration = null;
                o.Approaches[0].StopLine = new StopLineOptions { Start = [280, 160], End = [320, 160] };
                break;
            case "interval": o.Interval = TimeSpan.FromSeconds(7); break;
            case "max-gap": o.NoData.MaxFrameGap = TimeSpan.FromMinutes(2); break;
            default: throw new ArgumentException(breakage);
        }
    }
}
