using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Sensors.Configuration;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Motion;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Configuration;

/// <summary>
/// The device configuration file of an edge agent (JSON). Unknown keys are refused, so a typo never silently
/// falls back to a default. Example: <c>firmware-configs/devices/demo-intersection.json</c>.
/// </summary>
public sealed class AgentConfiguration
{
    /// <summary>Who this device is.</summary>
    public DeviceIdentity Device { get; set; } = new();

    /// <summary>The camera or stream (see <see cref="FrameSourceOptions"/>).</summary>
    public FrameSourceOptions Source { get; set; } = new();

    /// <summary>Settings of the synthetic source (when <c>Source.Type</c> is <c>synthetic</c>).</summary>
    public SyntheticSourceSettings Synthetic { get; set; } = new();

    /// <summary>Restart and buffering policy of the source.</summary>
    public SupervisedFrameSourceOptions Supervisor { get; set; } = new();

    /// <summary>The motion gate.</summary>
    public MotionGateOptions Motion { get; set; } = new();

    /// <summary>The detector.</summary>
    public DetectorSettings Detector { get; set; } = new();

    /// <summary>The multi-object tracker (ByteTrack); null: thresholds derived from the model (see <c>TrackerProfile</c>).</summary>
    public TrackerOptions? Tracker { get; set; }

    /// <summary>
    /// Counting lines, zones, approaches, calibration of this camera. Null: none configured — for the synthetic
    /// source the agent derives them from the scene's own layout; for a real camera there are no counts until
    /// a technician draws them.
    /// </summary>
    public CameraAnalyticsOptions? Analytics { get; set; }

    /// <summary>Environmental sensors on this device (none: the demo runs simulated ones).</summary>
    public SensorsConfiguration Sensors { get; set; } = new();

    /// <summary>Where summaries are sent (MQTT broker, outbox); null: console only, nothing is sent.</summary>
    public UplinkSettings? Uplink { get; set; }
}
