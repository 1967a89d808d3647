using SmartCity.Contracts;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>Turns a <see cref="HealthSample"/> into the wire's <see cref="HealthPayload"/>.</summary>
public static class HealthPayloadMapper
{
    /// <summary>Maps <paramref name="sample"/> for <paramref name="deviceId"/> with sequence number <paramref name="seq"/>.</summary>
    public static HealthPayload Map(HealthSample sample, DeviceDescription description, string deviceId, long seq)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(description);
        double seconds = Math.Max(sample.Length.TotalSeconds, 1e-3);
        CameraHealthEntry[] cameras = sample.Camera is null
            ? []
            :
            [
                new CameraHealthEntry
                {
                    Camera = sample.Camera,
                    Fps = Math.Round(Math.Max(0, sample.Frames) / seconds, 2),
                    InferenceMsMean = Positive(sample.InferenceMsMean),
                    InferenceMsP95 = Positive(sample.InferenceMsP95),
                    FramesDropped = Math.Max(0, sample.FramesDropped),
                },
            ];
        return new HealthPayload
        {
            Device = deviceId,
            Seq = seq,
            Ts = sample.End.ToUniversalTime(),
            IntervalS = (int)Math.Clamp(Math.Round(sample.Length.TotalSeconds), 1, WireValidator.MaxIntervalSeconds),
            AgentVersion = description.AgentVersion,
            ModelVersion = description.ModelVersion,
            Cameras = cameras,
            OutboxDepth = Math.Max(0, sample.OutboxDepth),
            OutboxDropped = Math.Max(0, sample.OutboxDropped),
            CpuTemperatureC = sample.CpuTemperatureC is { } t && double.IsFinite(t) ? Math.Round(t, 1) : null,
            UptimeS = (long)Math.Max(0, sample.Uptime.TotalSeconds),
        };
    }

    private static double? Positive(double? ms) => ms is { } v && double.IsFinite(v) && v >= 0 ? Math.Round(v, 2) : null;
}
