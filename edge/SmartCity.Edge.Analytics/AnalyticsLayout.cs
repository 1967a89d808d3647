using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Geometry;

namespace SmartCity.Edge.Analytics;

/// <summary>
/// A camera's analytics configuration after checking: geometry in ready-to-use form, the calibration solved, the
/// movement table filled. Built by <see cref="Compile"/>, which refuses bad configurations.
/// </summary>
public sealed class AnalyticsLayout
{
    private readonly MovementKind?[] _movements;

    internal AnalyticsLayout(
        string deviceId, CameraAnalyticsOptions options, int frameWidth, int frameHeight, IReadOnlyList<CountingLine> lines,
        IReadOnlyList<AnalyticsZone> zones, IReadOnlyList<ApproachGeometry> approaches, MovementKind?[] movements, GroundCalibration? calibration)
    {
        DeviceId = deviceId;
        Camera = options.Camera;
        Options = options;
        FrameWidth = frameWidth;
        FrameHeight = frameHeight;
        Lines = lines;
        Zones = zones;
        Approaches = approaches;
        _movements = movements;
        Calibration = calibration;
    }

    /// <summary>Device id (for messages).</summary>
    public string DeviceId { get; }

    /// <summary>Camera name.</summary>
    public string Camera { get; }

    /// <summary>The options this layout was built from (thresholds, rules, interval).</summary>
    public CameraAnalyticsOptions Options { get; }

    /// <summary>Frame width in pixels.</summary>
    public int FrameWidth { get; }

    /// <summary>Frame height in pixels.</summary>
    public int FrameHeight { get; }

    /// <summary>Counting lines, in configuration order.</summary>
    public IReadOnlyList<CountingLine> Lines { get; }

    /// <summary>Zones, in configuration order.</summary>
    public IReadOnlyList<AnalyticsZone> Zones { get; }

    /// <summary>Approaches, in configuration order.</summary>
    public IReadOnlyList<ApproachGeometry> Approaches { get; }

    /// <summary>The ground calibration, or null when the camera is not calibrated (no speeds, no queue metres).</summary>
    public GroundCalibration? Calibration { get; }

    /// <summary>Checks <paramref name="options"/> against a frame size; throws <see cref="AnalyticsConfigurationException"/>.</summary>
    public static AnalyticsLayout Compile(CameraAnalyticsOptions options, string deviceId, int frameWidth, int frameHeight) =>
        AnalyticsLayoutCompiler.Compile(options, deviceId, frameWidth, frameHeight);

    /// <summary>
    /// The kind of the movement from approach <paramref name="from"/> to <paramref name="to"/> (indices into
    /// <see cref="Approaches"/>); false when the pair is not a counted movement.
    /// </summary>
    public bool TryGetMovement(int from, int to, out MovementKind kind)
    {
        MovementKind? k = _movements[(from * Approaches.Count) + to];
        kind = k.GetValueOrDefault();
        return k.HasValue;
    }

    /// <summary>Index of the approach named <paramref name="name"/>, or −1.</summary>
    public int IndexOfApproach(string name)
    {
        for (int i = 0; i < Approaches.Count; i++)
        {
            if (string.Equals(Approaches[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of the line named <paramref name="name"/>, or −1.</summary>
    public int IndexOfLine(string name)
    {
        for (int i = 0; i < Lines.Count; i++)
        {
            if (string.Equals(Lines[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
