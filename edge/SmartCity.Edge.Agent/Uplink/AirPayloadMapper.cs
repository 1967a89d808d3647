using SmartCity.AirQuality;
using SmartCity.Contracts;
using SmartCity.Edge.Sensors.Sampling;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>
/// Turns the sensor hub's <see cref="AirIntervalSummary"/> into the wire's <see cref="AirSummaryPayload"/>: quantity
/// and QA flag names of the contract, units as measured, raw statistics unchanged, the corrected PM2.5 beside them.
/// </summary>
public static class AirPayloadMapper
{
    private static readonly (QualityFlags Flag, string Name)[] FlagNames =
    [
        (QualityFlags.OutOfRange, QualityFlagNames.OutOfRange),
        (QualityFlags.Stuck, QualityFlagNames.Stuck),
        (QualityFlags.WarmUp, QualityFlagNames.WarmUp),
        (QualityFlags.HumidityAboveSensorRange, QualityFlagNames.HumidityAboveSensorRange),
        (QualityFlags.SensorDisagreement, QualityFlagNames.SensorDisagreement),
        (QualityFlags.HumidityPinned, QualityFlagNames.HumidityPinned),
        (QualityFlags.InsufficientData, QualityFlagNames.InsufficientData),
        (QualityFlags.Corrected, QualityFlagNames.Corrected),
    ];

    /// <summary>Maps <paramref name="summary"/> for <paramref name="deviceId"/> with sequence number <paramref name="seq"/>.</summary>
    public static AirSummaryPayload Map(AirIntervalSummary summary, string deviceId, long seq)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var quantities = new AirQuantityEntry[summary.Quantities.Count];
        for (int i = 0; i < quantities.Length; i++)
        {
            quantities[i] = Map(summary.Quantities[i]);
        }

        return new AirSummaryPayload
        {
            Device = deviceId,
            Seq = seq,
            Ts = summary.End.ToUniversalTime(),
            IntervalS = TrafficPayloadMapper.IntervalSeconds(summary.Start, summary.End),
            Quantities = quantities,
        };
    }

    /// <summary>The contract's name of <paramref name="quantity"/> (<c>pm25</c>, not the display name <c>pm2_5</c>).</summary>
    public static string QuantityName(Quantity quantity) => quantity switch
    {
        Quantity.Pm1 => QuantityNames.Pm1,
        Quantity.Pm25 => QuantityNames.Pm25,
        Quantity.Pm10 => QuantityNames.Pm10,
        Quantity.Co2 => QuantityNames.Co2,
        Quantity.Temperature => QuantityNames.Temperature,
        Quantity.RelativeHumidity => QuantityNames.RelativeHumidity,
        Quantity.Pressure => QuantityNames.Pressure,
        Quantity.GasResistance => QuantityNames.GasResistance,
        Quantity.CpuTemperature => QuantityNames.CpuTemperature,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown quantity."),
    };

    /// <summary>The contract's flag names set in <paramref name="flags"/>, in a fixed order.</summary>
    public static string[] FlagList(QualityFlags flags)
    {
        if (flags == QualityFlags.None)
        {
            return [];
        }

        var list = new List<string>(2);
        foreach (var (flag, name) in FlagNames)
        {
            if ((flags & flag) != 0)
            {
                list.Add(name);
            }
        }

        return [.. list];
    }

    private static AirQuantityEntry Map(QuantitySummary q)
    {
        bool any = q.Count > 0;
        double? mean = any ? Finite(q.Mean) : null;
        double? min = any ? Finite(q.Min) : null;
        double? max = any ? Finite(q.Max) : null;
        return new AirQuantityEntry
        {
            Sensor = q.Sensor,
            Model = q.Model.ToLowerInvariant(),
            Quantity = QuantityName(q.Quantity),
            Unit = q.Unit,
            Count = q.Count,
            Expected = Math.Max(0, q.Expected),
            Mean = mean,
            Min = min,
            Max = max,
            StdDev = q.StdDev is { } sd && double.IsFinite(sd) && sd >= 0 ? sd : null,
            Flags = FlagList(q.Flags),
            FlaggedSamples = Math.Clamp(q.FlaggedSamples, 0, q.Count),
            CorrectedPm25 = Finite(q.CorrectedPm25),
        };
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
