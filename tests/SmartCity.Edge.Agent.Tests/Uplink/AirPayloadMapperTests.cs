using SmartCity.AirQuality;
using SmartCity.Contracts;
using SmartCity.Edge.Agent.Uplink;
using SmartCity.Edge.Sensors.Sampling;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

public sealed class AirPayloadMapperTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    internal static AirIntervalSummary Realistic() => new(Start, Start.AddMinutes(1),
    [
        new QuantitySummary("pm-a", "PMS5003", Quantity.Pm25, Quantity.Pm25.Unit(), 58, 60, 14.2, 9, 23, 2.7, QualityFlags.Corrected, 0, 10.9),
        new QuantitySummary("pm-b", "SDS011", Quantity.Pm25, Quantity.Pm25.Unit(), 12, 60, 17.5, 12, 25, 3.1,
            QualityFlags.WarmUp | QualityFlags.InsufficientData | QualityFlags.SensorDisagreement, 12, null),
        new QuantitySummary("climate", "BME280", Quantity.RelativeHumidity, Quantity.RelativeHumidity.Unit(), 60, 60, 71.4, 69.8, 73, 0.8, QualityFlags.None, 0, null),
        new QuantitySummary("climate", "BME280", Quantity.Temperature, Quantity.Temperature.Unit(), 60, 60, -3.5, -4.1, -2.9, 0.3, QualityFlags.None, 0, null),
        new QuantitySummary("co2", "SCD41", Quantity.Co2, Quantity.Co2.Unit(), 0, 12, null, null, null, null, QualityFlags.InsufficientData, 0, null),
    ]);

    [Fact]
    public void Interval_statistics_map_to_contract_names_units_and_flags_and_pass_the_validator()
    {
        var payload = AirPayloadMapper.Map(Realistic(), "lamp-0042", 40);

        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.Equal(60, payload.IntervalS);
        Assert.Equal(Start.AddMinutes(1), payload.Ts);
        Assert.Equal(5, payload.Quantities.Count);

        var pmA = payload.Quantities[0];
        Assert.Equal(("pm-a", "pms5003", QuantityNames.Pm25, "µg/m³"), (pmA.Sensor, pmA.Model, pmA.Quantity, pmA.Unit));
        Assert.Equal((58, 60, 14.2, 9.0, 23.0, 2.7), (pmA.Count, pmA.Expected, pmA.Mean!.Value, pmA.Min!.Value, pmA.Max!.Value, pmA.StdDev!.Value));
        Assert.Equal([QualityFlagNames.Corrected], pmA.Flags);
        Assert.Equal(10.9, pmA.CorrectedPm25);

        var pmB = payload.Quantities[1];
        Assert.Equal([QualityFlagNames.WarmUp, QualityFlagNames.SensorDisagreement, QualityFlagNames.InsufficientData], pmB.Flags);
        Assert.Equal(12, pmB.FlaggedSamples);
        Assert.Null(pmB.CorrectedPm25);

        Assert.Equal((QuantityNames.RelativeHumidity, "%"), (payload.Quantities[2].Quantity, payload.Quantities[2].Unit));
        Assert.Empty(payload.Quantities[2].Flags!);
        Assert.Equal((QuantityNames.Temperature, "°C", -3.5), (payload.Quantities[3].Quantity, payload.Quantities[3].Unit, payload.Quantities[3].Mean!.Value));

        // A sensor that gave nothing: its statistics are absent, not zero.
        var co2 = payload.Quantities[4];
        Assert.Equal((QuantityNames.Co2, "ppm", 0, 12), (co2.Quantity, co2.Unit, co2.Count, co2.Expected));
        Assert.Null(co2.Mean);
        Assert.Null(co2.Min);
        Assert.Null(co2.StdDev);
    }

    [Fact]
    public void Every_quantity_has_a_contract_name_that_the_validator_accepts()
    {
        foreach (var q in Enum.GetValues<Quantity>())
        {
            string name = AirPayloadMapper.QuantityName(q);
            var summary = new AirIntervalSummary(Start, Start.AddSeconds(10),
                [new QuantitySummary("s", "m", q, q.Unit(), 1, 1, 1, 1, 1, null, QualityFlags.None, 0, null)]);
            Assert.True(WireValidator.TryValidate("lamp-0042", AirPayloadMapper.Map(summary, "lamp-0042", 1), out string? reason), $"{q} → {name}: {reason}");
        }

        Assert.Equal("pm25", AirPayloadMapper.QuantityName(Quantity.Pm25));
    }

    [Fact]
    public void Every_flag_has_a_contract_name()
    {
        foreach (var f in Enum.GetValues<QualityFlags>())
        {
            if (f != QualityFlags.None)
            {
                Assert.Single(AirPayloadMapper.FlagList(f));
            }
        }

        Assert.Empty(AirPayloadMapper.FlagList(QualityFlags.None));
    }

    [Fact]
    public void A_short_interval_at_shutdown_is_at_least_one_second()
    {
        var summary = new AirIntervalSummary(Start, Start.AddMilliseconds(1200), []);
        var payload = AirPayloadMapper.Map(summary, "lamp-0042", 2);
        Assert.Equal(1, payload.IntervalS);
        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
    }
}
