using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>Wire payloads for the ingest tests.</summary>
internal static class Payloads
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A one-minute traffic summary; interval end moves with the seq so every message is its own row.</summary>
    public static TrafficSummaryPayload Traffic(string device, long seq, int cars = 3) => new()
    {
        Device = device,
        Seq = seq,
        Ts = Start.AddMinutes(seq),
        IntervalS = 60,
        Camera = "cam0",
        Status = TrafficIntervalStatus.Complete,
        Lines = [new LineCountEntry { Line = "north", Direction = LineDirection.In, Class = "car", Count = cars }],
    };

    public static byte[] TrafficBytes(string device, long seq, int cars = 3) => WireJson.Serialize(Traffic(device, seq, cars));
}
