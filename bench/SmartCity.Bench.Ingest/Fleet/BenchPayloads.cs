using SmartCity.Contracts;

namespace SmartCity.Bench.Ingest.Fleet;

/// <summary>The wire examples (a full traffic summary, a two-sensor air summary) re-stamped per device, seq and time.</summary>
internal static class BenchPayloads
{
    private static readonly TrafficSummaryPayload s_traffic = WireExamples.Traffic();
    private static readonly AirSummaryPayload s_air = WireExamples.Air();

    /// <summary>Air rows (sensor × quantity) one air message stores.</summary>
    public static int AirQuantities => s_air.Quantities.Count;

    public static TrafficSummaryPayload Traffic(string device, long seq, DateTimeOffset ts, int intervalS) =>
        s_traffic with { Device = device, Seq = seq, Ts = ts, IntervalS = intervalS };

    public static AirSummaryPayload Air(string device, long seq, DateTimeOffset ts, int intervalS) =>
        s_air with { Device = device, Seq = seq, Ts = ts, IntervalS = intervalS };
}
