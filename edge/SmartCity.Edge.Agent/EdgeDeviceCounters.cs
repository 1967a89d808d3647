namespace SmartCity.Edge.Agent;

/// <summary>A snapshot of one device's counters.</summary>
/// <param name="DeviceId">Device id.</param>
/// <param name="Running">Whether the pipeline is running.</param>
/// <param name="Frames">Frames processed.</param>
/// <param name="DetectorRuns">Frames the detector ran on.</param>
/// <param name="FramesDropped">Frames the source dropped (slow detector).</param>
/// <param name="TrafficIntervals">Traffic summaries appended to the outbox.</param>
/// <param name="AirIntervals">Air summaries appended.</param>
/// <param name="HealthMessages">Health messages appended.</param>
/// <param name="EventMessages">Crossing-event messages appended (opt-in).</param>
/// <param name="Refused">Payloads refused by the wire validator or the size limit (never sent).</param>
/// <param name="LastSeq">Last seq the outbox handed out.</param>
/// <param name="AckedSeq">Last seq the broker acknowledged (outbox checkpoint).</param>
/// <param name="OutboxDepth">Records waiting for the broker.</param>
/// <param name="OutboxDropped">Records the outbox quota dropped.</param>
/// <param name="Connected">Whether the MQTT session is up.</param>
/// <param name="Reconnects">Reconnects after the first connect.</param>
/// <param name="LastTraffic">One line about the last traffic interval; null before the first.</param>
public sealed record EdgeDeviceCounters(
    string DeviceId,
    bool Running,
    long Frames,
    long DetectorRuns,
    long FramesDropped,
    long TrafficIntervals,
    long AirIntervals,
    long HealthMessages,
    long EventMessages,
    long Refused,
    long LastSeq,
    long AckedSeq,
    long OutboxDepth,
    long OutboxDropped,
    bool Connected,
    long Reconnects,
    string? LastTraffic);
