using SmartCity.Contracts;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>Builders for wire payloads used by the store tests.</summary>
internal static class Payloads
{
    public static readonly DateTimeOffset Day = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A one-minute traffic summary ending at <paramref name="end"/> with "in" car crossings of line "north".</summary>
    public static TrafficSummaryPayload Traffic(string device, long seq, DateTimeOffset end, int cars, int buses = 0,
        TrafficIntervalStatus status = TrafficIntervalStatus.Complete, int intervalS = 60) => new()
    {
        Device = device,
        Seq = seq,
        Ts = end,
        IntervalS = intervalS,
        Camera = "cam0",
        Status = status,
        Lines = status == TrafficIntervalStatus.NoData ? null :
        [
            new LineCountEntry { Line = "north", Direction = LineDirection.In, Class = "car", Count = cars },
            new LineCountEntry { Line = "north", Direction = LineDirection.Out, Class = "bus", Count = buses },
        ],
        Movements = status == TrafficIntervalStatus.NoData ? null :
        [
            new MovementCountEntry { From = "n", To = "e", Kind = TurnKind.Left, Class = "car", Count = cars },
        ],
    };

    public static AirSummaryPayload Air(string device, long seq, DateTimeOffset end, double? pm25) => new()
    {
        Device = device,
        Seq = seq,
        Ts = end,
        IntervalS = 60,
        Quantities =
        [
            new AirQuantityEntry { Sensor = "sds011", Model = "SDS011", Quantity = "pm2_5", Unit = "ug/m3", Count = 60, Expected = 60, Mean = pm25 },
        ],
    };

    public static StatusPayload Status(string device, long seq, DateTimeOffset ts, DeviceState state) => new()
    {
        Device = device,
        Seq = seq,
        Ts = ts,
        IntervalS = 0,
        State = state,
        AgentVersion = "1.2.3",
        BirthTs = ts,
    };

    public static HealthPayload Health(string device, long seq, DateTimeOffset end, double fps, long outbox, double? cpu) => new()
    {
        Device = device,
        Seq = seq,
        Ts = end,
        IntervalS = 60,
        AgentVersion = "0.9.0",
        ModelVersion = "demo-traffic 2",
        Cameras = [new CameraHealthEntry { Camera = "cam0", Fps = fps, InferenceMsMean = 31.5, InferenceMsP95 = 40, FramesDropped = 2 }],
        OutboxDepth = outbox,
        CpuTemperatureC = cpu,
        UptimeS = 3600,
    };

    public static TrafficSummaryPayload WithQueuesAndSpeeds(TrafficSummaryPayload t, double maxM, double meanM, int vehicles, int samples, double? mean, double? p85) => t with
    {
        Queues = [new QueueEntry { Approach = "north", MaxM = maxM, MeanM = meanM, MaxVehicles = vehicles }],
        Speeds = [new SpeedEntry { Name = "stop", Site = SpeedSiteKind.Line, Samples = samples, MeanKmh = mean, P85Kmh = p85 }],
    };

    public static AirSummaryPayload Flagged(string device, long seq, DateTimeOffset end, string[] flags, int flagged) => new()
    {
        Device = device,
        Seq = seq,
        Ts = end,
        IntervalS = 60,
        Quantities =
        [
            new AirQuantityEntry
            {
                Sensor = "sds011", Model = "SDS011", Quantity = "pm2_5", Unit = "ug/m3", Count = 60, Expected = 60, Mean = 12, Flags = flags, FlaggedSamples = flagged,
            },
        ],
    };
}
