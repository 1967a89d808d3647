using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Bme280;
using SmartCity.Edge.Sensors.Drivers.Serial;
using SmartCity.Edge.Sensors.Drivers.Sds011;
using SmartCity.Edge.Sensors.Sampling;
using SmartCity.Edge.Sensors.Simulation;

namespace SmartCity.Edge.Sensors.Tests;

public sealed class SensorHubTests
{
    private static readonly TimeSpan s_fast = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_missing_and_a_disconnected_sensor_back_off_while_the_others_keep_producing()
    {
        var profile = new AmbientProfile(seed: 7);
        var dead = new SimulatedBmx280(withHumidity: true) { Profile = profile };
        var registrations = new List<SensorRegistration>
        {
            // Never there: opening throws like a chip that does not answer its address.
            new("missing", "BME280", () => new Bme280Sensor("missing", new SimulatedBmx280(true) { Disconnected = true }), s_fast),

            // Opens, then its cable comes loose.
            new("loose", "BME280", () =>
            {
                var sensor = new Bme280Sensor("loose", dead);
                dead.Disconnected = true;
                return sensor;
            }, s_fast),
        };
        for (int i = 0; i < 3; i++)
        {
            string name = $"ok-{i}";
            registrations.Add(new(name, "BME280", () => new Bme280Sensor(name, new SimulatedBmx280(true) { Profile = profile }), s_fast));
        }

        await using var hub = new SensorHub(registrations, new SensorHubOptions { MaxBackoff = TimeSpan.FromSeconds(10), ReopenAfterFailures = 1000, SummaryInterval = TimeSpan.FromHours(24) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        hub.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var health = hub.GetHealth().ToDictionary(h => h.Name);
        double elapsed = clock.Elapsed.TotalMilliseconds;

        // Exponential backoff from 50 ms: attempt n comes after 50·(2ⁿ − 1) ms, so about log2(elapsed / 50) attempts
        // where a fixed 50 ms retry would have made elapsed / 50 (about 40).
        int maxAttempts = (int)Math.Ceiling(Math.Log2((elapsed / 50) + 1)) + 1;
        long minReads = (long)(elapsed / 50 / 3);

        foreach (var name in new[] { "missing", "loose" })
        {
            var h = health[name];
            Assert.Equal(SensorState.Failing, h.State);
            Assert.Null(h.LastReadingAt);

            Assert.InRange(h.ConsecutiveFailures, 3, maxAttempts);
            Assert.Equal(SensorFault.BusError, h.LastFault);
        }

        Assert.Contains("disconnected", health["missing"].LastError, StringComparison.Ordinal);
        Assert.InRange(health["loose"].Counters.BusErrors, 3, maxAttempts);

        for (int i = 0; i < 3; i++)
        {
            var h = health[$"ok-{i}"];
            Assert.Equal(SensorState.Ok, h.State);
            Assert.Equal(0, h.ConsecutiveFailures);
            Assert.InRange(h.Counters.Reads, minReads, (long)(elapsed / 50) + 2);
            Assert.Equal(3, h.LastReadings.Count);
        }

        var summary = hub.CompleteInterval();
        Assert.Equal(9, summary.Quantities.Count);
        Assert.All(summary.Quantities, q => Assert.StartsWith("ok-", q.Sensor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sensor_that_recovers_is_read_again_and_its_failures_reset()
    {
        var flaky = new ScriptedSensor("flaky", (Quantity.Co2, 612, ReadingBasis.Ambient)) { Failing = true };
        await using var hub = new SensorHub([new SensorRegistration("flaky", "scripted", () => flaky, s_fast)]);
        hub.Start();

        // Polled rather than slept: on a loaded CI machine the first failed read may come late.
        await WaitUntil(() => hub.GetHealth()[0] is { State: SensorState.Failing, ConsecutiveFailures: >= 2 });

        flaky.Failing = false;
        await WaitUntil(() => hub.GetHealth()[0].State == SensorState.Ok);
        var health = hub.GetHealth()[0];

        Assert.Equal(SensorState.Ok, health.State);
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.Equal(612, health.LastReadings[0].Value);
    }

    [Fact]
    public async Task Interval_summary_has_statistics_epa_correction_and_ab_disagreement()
    {
        var sensors = new[]
        {
            new ScriptedSensor("pm-a", (Quantity.Pm25, 20, ReadingBasis.Ambient), (Quantity.Pm25, 30, ReadingBasis.Cf1), (Quantity.Pm10, 25, ReadingBasis.Ambient)),
            new ScriptedSensor("pm-b", (Quantity.Pm25, 40, ReadingBasis.Ambient), (Quantity.Pm10, 27, ReadingBasis.Ambient)),
            new ScriptedSensor("climate", (Quantity.Temperature, 21.5, ReadingBasis.Ambient), (Quantity.RelativeHumidity, 80, ReadingBasis.Ambient)),
        };
        var registrations = sensors.Select(s => new SensorRegistration(s.Name, "scripted", () => s, s_fast) { PmMaxHumidity = 70 });
        await using var hub = new SensorHub(registrations, NoClockInTheWay());
        hub.CompleteInterval();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        hub.Start();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var summary = hub.CompleteInterval();
        double elapsed = clock.Elapsed.TotalMilliseconds;
        var byKey = summary.Quantities.ToDictionary(q => (q.Sensor, q.Quantity));

        var a = byKey[("pm-a", Quantity.Pm25)];
        Assert.Equal("µg/m³", a.Unit);
        Assert.Equal(20, a.Mean);
        Assert.Equal(20, a.Min);
        Assert.Equal(20, a.Max);
        Assert.Equal(0, a.StdDev);
        Assert.InRange(a.Count, (int)(elapsed / 50 / 3), (int)(elapsed / 50) + 2);

        // EPA: 0.524 · 30 − 0.0862 · 80 + 5.75 = 14.574 on the CF=1 channel; raw mean untouched.
        Assert.Equal(14.57, a.CorrectedPm25);
        Assert.True(a.Flags.HasFlag(QualityFlags.Corrected));

        // |20 − 40| = 20 > max(5, 0.2 · 30): the pair disagrees on PM2.5 but not on PM10 (25 vs 27).
        Assert.True(a.Flags.HasFlag(QualityFlags.SensorDisagreement));
        Assert.True(byKey[("pm-b", Quantity.Pm25)].Flags.HasFlag(QualityFlags.SensorDisagreement));
        Assert.False(byKey[("pm-a", Quantity.Pm10)].Flags.HasFlag(QualityFlags.SensorDisagreement));
        Assert.Null(byKey[("pm-b", Quantity.Pm25)].CorrectedPm25);

        // 80 % RH is above the SDS011's 70 % limit: particulate samples carry the humidity flag.
        Assert.True(byKey[("pm-b", Quantity.Pm25)].Flags.HasFlag(QualityFlags.HumidityAboveSensorRange));
        Assert.False(byKey[("climate", Quantity.Temperature)].Flags.HasFlag(QualityFlags.HumidityAboveSensorRange));
        Assert.DoesNotContain(summary.Quantities, q => q.Sensor == "pm-a" && q.Quantity == Quantity.Pm25 && q.Count == 0);
        Assert.Equal(6, summary.Quantities.Count); // PM2.5 and PM10 of two sensors, temperature and humidity
    }

    /// <summary>
    /// For tests that close the interval themselves: the hub's own clock closes one at every aligned boundary
    /// (each minute by default), and a test whose readings straddle one finds some of them in the interval the
    /// clock closed (seen: one of two readings, about once in twenty runs). Daily boundaries are out of the way.
    /// </summary>
    private static SensorHubOptions NoClockInTheWay() => new() { SummaryInterval = TimeSpan.FromHours(24) };

    [Fact]
    public async Task Missing_samples_are_flagged_insufficient()
    {
        var sensor = new ScriptedSensor("t", (Quantity.Temperature, 20, ReadingBasis.Ambient));
        await using var hub = new SensorHub([new SensorRegistration("t", "scripted", () => sensor, TimeSpan.FromMilliseconds(100))], NoClockInTheWay());
        hub.Start();

        // Polled rather than slept: on a loaded CI machine the first read may come later than any fixed delay.
        await WaitUntil(() => hub.GetHealth()[0].LastReadings.Count > 0);
        sensor.Failing = true;
        await Task.Delay(1400);
        var summary = hub.CompleteInterval();

        var q = Assert.Single(summary.Quantities);
        Assert.True(q.Count >= 1 && q.Count < 0.75 * q.Expected, $"{q.Count} of {q.Expected} samples");
        Assert.True(q.Flags.HasFlag(QualityFlags.InsufficientData));
    }

    [Fact]
    public async Task A_power_managed_sensor_sleeps_between_readings_and_wakes_before_the_next()
    {
        var link = new SimulatedParticulateLink(plantower: false, new AmbientProfile(3), seed: 3);
        var registration = new SensorRegistration(
            "pm",
            "SDS011",
            () => new Sds011Sensor("pm", link, new SerialParticulateOptions { Mode = ParticulateReportingMode.Query, WarmUp = TimeSpan.FromMilliseconds(300) }),
            TimeSpan.FromSeconds(2))
        {
            WarmUp = TimeSpan.FromMilliseconds(300),
            SleepBetweenReadings = true,
        };
        await using var hub = new SensorHub([registration], NoClockInTheWay());
        hub.Start();

        await WaitUntil(() => hub.GetHealth()[0].Counters.Reads == 1 && link.IsAsleep);
        Assert.Equal(SensorState.Asleep, hub.GetHealth()[0].State);

        await WaitUntil(() => hub.GetHealth()[0].Counters.Reads == 2 && link.IsAsleep);
        Assert.Equal(6, link.CommandsReceived); // set query mode, query, sleep, then wake, query, sleep

        // The first reading came right after power-on and is flagged; the one after the wake came after the
        // warm-up (woken 300 ms ahead), so it is not.
        var summary = hub.CompleteInterval();
        Assert.All(summary.Quantities, q =>
        {
            Assert.Equal(2, q.Count);
            Assert.True(q.Flags.HasFlag(QualityFlags.WarmUp));
            Assert.Equal(1, q.FlaggedSamples);
        });
    }

    [Fact]
    public async Task Demo_fleet_devices_produce_all_quantities_through_the_real_drivers()
    {
        var config = SimulatedSensorFleet.DemoConfiguration(TimeSpan.FromHours(24));
        config.Items.RemoveAll(s => s.Name == "co2"); // the SCD4x binding's start-up takes half a second; covered below
        await using var hub = SimulatedSensorFleet.CreateHub(0, config);
        hub.Start();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var summary = hub.CompleteInterval();

        var quantities = summary.Quantities.Select(q => (q.Sensor, q.Quantity)).ToHashSet();
        Assert.Contains(("climate", Quantity.RelativeHumidity), quantities);
        Assert.Contains(("pm-a", Quantity.Pm1), quantities);
        Assert.Contains(("pm-b", Quantity.Pm10), quantities);
        var pmA = summary.Quantities.Single(q => q.Sensor == "pm-a" && q.Quantity == Quantity.Pm25);
        Assert.NotNull(pmA.CorrectedPm25);
        Assert.All(hub.GetHealth(), h => Assert.NotEqual(SensorState.Failing, h.State));
    }

    [Fact]
    public void Simulated_scd4x_reads_through_the_binding_with_valid_crcs()
    {
        var profile = new AmbientProfile(5);
        using var sensor = new Drivers.Scd4x.Scd4xSensor("co2", new SimulatedScd4x(profile));
        var readings = new SensorReading[3];

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(3, written);
        Assert.Equal(Quantity.Co2, readings[0].Quantity);
        Assert.InRange(readings[0].Value, 380, 520);
        Assert.InRange(readings[2].Value, 5, 99);

        // Sensirion CRC-8 example from the SCD4x datasheet §3.11: CRC(0xBEEF) = 0x92.
        Assert.Equal(0x92, SimulatedScd4x.Crc8([0xBE, 0xEF]));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "condition not reached within 15 s");
            await Task.Delay(20);
        }
    }
}
