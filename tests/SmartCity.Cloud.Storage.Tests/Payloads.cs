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
}
