namespace SmartCity.Contracts;

/// <summary>
/// One valid, realistic payload of each kind. The examples in <c>docs/wire-contract.md</c> are these, serialized (a
/// test keeps the two equal), and other projects' tests use them as known-good messages.
/// </summary>
public static class WireExamples
{
    /// <summary>Device id used by the examples.</summary>
    public const string Device = "lamp-0042";

    /// <summary>End of the example interval: 2025-05-14 08:15 UTC.</summary>
    public static readonly DateTimeOffset IntervalEnd = new(2025, 5, 14, 8, 15, 0, TimeSpan.Zero);

    /// <summary>The example payload of <paramref name="kind"/>.</summary>
    public static WirePayload For(MessageKind kind, string device = Device, long seq = 1200) => kind switch
    {
        MessageKind.Status => Status(device, seq),
        MessageKind.Traffic => Traffic(device, seq),
        MessageKind.Air => Air(device, seq),
        MessageKind.Health => Health(device, seq),
        MessageKind.Events => Events(device, seq),
        MessageKind.Command => Command(device, seq),
        MessageKind.CommandResult => CommandResult(device, seq),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind."),
    };

    /// <summary>A birth message (retained, online).</summary>
    public static StatusPayload Status(string device = Device, long seq = 1200) => new()
    {
        Device = device,
        Seq = seq,
        Ts = new DateTimeOffset(2025, 5, 14, 6, 0, 3, TimeSpan.Zero),
        IntervalS = 0,
        State = DeviceState.Online,
        AgentVersion = "0.4.0",
        ModelVersion = "yolo11n-traffic@3",
        BirthTs = new DateTimeOffset(2025, 5, 14, 6, 0, 0, TimeSpan.Zero),
    };

    /// <summary>A complete 15-minute traffic summary of one camera.</summary>
    public static TrafficSummaryPayload Traffic(string device = Device, long seq = 1200) => new()
    {
        Device = device,
        Seq = seq,
        Ts = IntervalEnd,
        IntervalS = 900,
        Camera = "north-arm",
        Status = TrafficIntervalStatus.Complete,
        FramesSeen = 13_500,
        FramesDetected = 9_812,
        FramesDropped = 3,
        Lines =
        [
            new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = TrafficClassNames.Car, Count = 117 },
            new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = TrafficClassNames.Bus, Count = 4 },
            new LineCountEntry { Line = "stop-n", Direction = LineDirection.Out, Class = TrafficClassNames.Bicycle, Count = 9 },
        ],
        Movements =
        [
            new MovementCountEntry { From = "north", To = "south", Kind = TurnKind.Through, Class = TrafficClassNames.Car, Count = 71 },
            new MovementCountEntry { From = "north", To = "east", Kind = TurnKind.Left, Class = TrafficClassNames.Car, Count = 30 },
        ],
        UnlistedMovements = 1,
        IncompleteMovements = 6,
        Zones =
        [
            new ZoneEntry
            {
                Zone = "crossing", MeanOccupancy = 0.42, MaxOccupancy = 5, Entries = 38, Exits = 37, DwellSamples = 35,
                MeanDwellS = 11.5, MaxDwellS = 41.0,
            },
        ],
        Speeds = [new SpeedEntry { Name = "stop-n", Site = SpeedSiteKind.Line, Samples = 104, MeanKmh = 31.2, P85Kmh = 38.9 }],
        Queues = [new QueueEntry { Approach = "north", MaxVehicles = 9, MaxM = 58.5, MeanM = 12.25 }],
        DetectorEvents = 212,
    };

    /// <summary>A traffic interval in which the camera delivered no frames: measures absent, not zero.</summary>
    public static TrafficSummaryPayload TrafficNoData(string device = Device, long seq = 1201) => new()
    {
        Device = device,
        Seq = seq,
        Ts = IntervalEnd.AddMinutes(15),
        IntervalS = 900,
        Camera = "north-arm",
        Status = TrafficIntervalStatus.NoData,
        Reason = "source offline: no frames for 900 s",
    };

    /// <summary>A 15-minute air summary of one PMS5003 and one BME280.</summary>
    public static AirSummaryPayload Air(string device = Device, long seq = 1200) => new()
    {
        Device = device,
        Seq = seq,
        Ts = IntervalEnd,
        IntervalS = 900,
        Quantities =
        [
            new AirQuantityEntry
            {
                Sensor = "pm-1", Model = "pms5003", Quantity = QuantityNames.Pm25, Unit = "µg/m³", Count = 897, Expected = 900,
                Mean = 14.2, Min = 9.0, Max = 23.0, StdDev = 2.7, Flags = [QualityFlagNames.Corrected], FlaggedSamples = 0,
                CorrectedPm25 = 10.9,
            },
            new AirQuantityEntry
            {
                Sensor = "env-1", Model = "bme280", Quantity = QuantityNames.RelativeHumidity, Unit = "%", Count = 900, Expected = 900,
                Mean = 71.4, Min = 69.8, Max = 73.0, StdDev = 0.8, Flags = [], FlaggedSamples = 0,
            },
        ],
    };

    /// <summary>A 1-minute health report of a one-camera device.</summary>
    public static HealthPayload Health(string device = Device, long seq = 1200) => new()
    {
        Device = device,
        Seq = seq,
        Ts = IntervalEnd,
        IntervalS = 60,
        AgentVersion = "0.4.0",
        ModelVersion = "yolo11n-traffic@3",
        Cameras = [new CameraHealthEntry { Camera = "north-arm", Fps = 14.9, InferenceMsMean = 38.5, InferenceMsP95 = 52.0, FramesDropped = 0 }],
        OutboxDepth = 2,
        OutboxDropped = 0,
        CpuTemperatureC = 61.5,
        UptimeS = 8_097,
    };

    /// <summary>Two line crossings (opt-in events).</summary>
    public static CrossingEventsPayload Events(string device = Device, long seq = 1200) => new()
    {
        Device = device,
        Seq = seq,
        Ts = IntervalEnd,
        IntervalS = 60,
        Camera = "north-arm",
        Crossings =
        [
            new CrossingEntry
            {
                At = IntervalEnd.AddSeconds(-41.2), TrackId = 5512, Line = "stop-n", Direction = LineDirection.In,
                Class = TrafficClassNames.Car, SpeedKmh = 33.4,
            },
            new CrossingEntry
            {
                At = IntervalEnd.AddSeconds(-7.9), TrackId = 5520, Line = "stop-n", Direction = LineDirection.Out,
                Class = TrafficClassNames.Bicycle,
            },
        ],
    };

    /// <summary>A command asking the device to publish a health report now.</summary>
    public static CommandPayload Command(string device = Device, long seq = 7) => new()
    {
        Device = device,
        Seq = seq,
        Ts = new DateTimeOffset(2025, 5, 14, 8, 16, 2, TimeSpan.Zero),
        IntervalS = 0,
        RequestId = "c0a8e4b2-1f",
        Name = "report-health",
        Args = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = "operator" },
    };

    /// <summary>The device's answer to <see cref="Command"/>.</summary>
    public static CommandResultPayload CommandResult(string device = Device, long seq = 1201) => new()
    {
        Device = device,
        Seq = seq,
        Ts = new DateTimeOffset(2025, 5, 14, 8, 16, 3, TimeSpan.Zero),
        IntervalS = 0,
        RequestId = "c0a8e4b2-1f",
        Name = "report-health",
        Outcome = CommandOutcome.Ok,
    };
}
