using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Tests.Alerts;

/// <summary>Wire payloads for the H6 tests (alerts, registry, open data).</summary>
internal static class AlertPayloads
{
    private static long _seq;

    public static long NextSeq() => Interlocked.Increment(ref _seq);

    public static AirSummaryPayload Air(string device, DateTimeOffset end, int intervalS, double pm25, double? humidity = null, double? co2 = null)
    {
        var q = new List<AirQuantityEntry>
        {
            new() { Sensor = "pm", Model = "pms5003", Quantity = QuantityNames.Pm25, Unit = "µg/m³", Count = 10, Expected = 10, Mean = pm25 },
        };
        if (humidity is { } h)
        {
            q.Add(new AirQuantityEntry { Sensor = "env", Model = "bme280", Quantity = QuantityNames.RelativeHumidity, Unit = "%", Count = 10, Expected = 10, Mean = h });
        }

        if (co2 is { } c)
        {
            q.Add(new AirQuantityEntry { Sensor = "co2", Model = "scd41", Quantity = QuantityNames.Co2, Unit = "ppm", Count = 10, Expected = 10, Mean = c });
        }

        return new AirSummaryPayload { Device = device, Seq = NextSeq(), Ts = end, IntervalS = intervalS, Quantities = q };
    }

    public static TrafficSummaryPayload Traffic(string device, DateTimeOffset end, double queueM, int cars = 3, int pedestrians = 2, int buses = 1) => new()
    {
        Device = device,
        Seq = NextSeq(),
        Ts = end,
        IntervalS = 60,
        Camera = "cam-a",
        Status = TrafficIntervalStatus.Complete,
        Lines =
        [
            new LineCountEntry { Line = "north-stop", Direction = LineDirection.In, Class = TrafficClassNames.Car, Count = cars },
            new LineCountEntry { Line = "north-stop", Direction = LineDirection.In, Class = TrafficClassNames.Bus, Count = buses },
            new LineCountEntry { Line = "north-stop", Direction = LineDirection.In, Class = TrafficClassNames.Pedestrian, Count = pedestrians },
        ],
        Movements = [],
        Queues = [new QueueEntry { Approach = "north", MaxVehicles = (int)(queueM / 6), MaxM = queueM, MeanM = queueM / 2 }],
    };

    public static StatusPayload Status(string device, DateTimeOffset ts, DeviceState state, string? model, DateTimeOffset? birth = null) => new()
    {
        Device = device,
        Seq = NextSeq(),
        Ts = ts,
        IntervalS = 0,
        State = state,
        AgentVersion = "0.5.0",
        ModelVersion = model,
        BirthTs = birth ?? ts,
    };
}
