using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>
/// A deterministic small city for dashboard tests: three reporting devices at two sites plus one registered device that
/// never reported; 15-minute traffic (lines, movements, queues, speeds), air (PM2.5, PM10, CO₂, T, RH with QA flags),
/// health and status, ending at the quarter hour before "now" so that the pages' default range (last 24 h) shows it.
/// Every payload written is kept in <see cref="Payloads"/>: tests compute what the pages must show from it.
/// </summary>
public sealed class SeedData
{
    /// <summary>Interval length of every seeded summary (15 minutes).</summary>
    public const int IntervalS = 900;

    /// <summary>The device at the river junction that reports everything.</summary>
    public const string North1 = "tc-north-01";

    /// <summary>The second camera at the river junction; has a no-data stretch and a silent hour.</summary>
    public const string North2 = "tc-north-02";

    /// <summary>The market-square device: sent its last will six hours ago.</summary>
    public const string East1 = "tc-east-01";

    /// <summary>Registered, never heard from.</summary>
    public const string Spare = "tc-spare-09";

    private SeedData(DateTimeOffset end, int hours, IReadOnlyList<WirePayload> payloads)
    {
        End = end;
        Hours = hours;
        Payloads = payloads;
    }

    /// <summary>An empty store (registry only).</summary>
    public static SeedData None { get; } = new(DateTimeOffset.MinValue, 0, []);

    /// <summary>The registry the seeded devices use.</summary>
    public static IReadOnlyList<DashboardDevice> Devices { get; } =
    [
        new(North1, "river-junction", "River Junction north pole", 52.52000, 13.40500),
        new(North2, "river-junction", "River Junction south pole", 52.51940, 13.40590),
        new(East1, "market-square", "Market Square", 52.51610, 13.41480),
        new(Spare, "depot", "Depot spare", 52.52310, 13.39720),
    ];

    /// <summary>End of the last seeded interval (a quarter hour, UTC).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Hours of data before <see cref="End"/>.</summary>
    public int Hours { get; }

    /// <summary>Start of the first seeded interval.</summary>
    public DateTimeOffset Start => End - TimeSpan.FromHours(Hours);

    /// <summary>Everything written to the store, in order.</summary>
    public IReadOnlyList<WirePayload> Payloads { get; }

    /// <summary>When <see cref="East1"/> went offline (its last will).</summary>
    public DateTimeOffset East1OfflineAt => End - TimeSpan.FromHours(6);

    /// <summary>The seq the next payload of <paramref name="device"/> should carry.</summary>
    public long NextSeq(string device) => Payloads.Where(p => p.Device == device).Select(p => p.Seq).DefaultIfEmpty(0).Max() + 1;

    /// <summary>Two days of data ending at the last quarter hour before <paramref name="now"/>.</summary>
    public static SeedData Generate(DateTimeOffset now, int hours = 48)
    {
        DateTimeOffset end = BinWidth.FifteenMinutes.FloorToBin(now);
        DateTimeOffset start = end - TimeSpan.FromHours(hours);
        var payloads = new List<WirePayload>();
        var seq = new Dictionary<string, long> { [North1] = 0, [North2] = 0, [East1] = 0 };
        long Next(string d) => ++seq[d];

        foreach (string d in new[] { North1, North2, East1 })
        {
            payloads.Add(new StatusPayload
            {
                Device = d, Seq = Next(d), Ts = start, IntervalS = 0, State = DeviceState.Online, AgentVersion = "0.5.0",
                ModelVersion = "demo-traffic 2", BirthTs = start,
            });
        }

        int intervals = hours * 4;
        for (int k = 0; k < intervals; k++)
        {
            DateTimeOffset ts = start + TimeSpan.FromSeconds(IntervalS * (k + 1));
            foreach (string d in new[] { North1, North2, East1 })
            {
                if (d == East1 && ts > end - TimeSpan.FromHours(6))
                {
                    continue; // offline for the last six hours
                }

                int di = d == North1 ? 0 : d == North2 ? 1 : 2;
                bool noData = d == North2 && k >= intervals - 24 && k < intervals - 16;   // 2 h of "no data" intervals, 6..4 h before the end
                bool silent = d == North2 && k >= intervals - 12 && k < intervals - 8;    // 1 h sending nothing, 3..2 h before the end
                if (silent)
                {
                    continue;
                }

                payloads.Add(Traffic(d, Next(d), ts, k, di, noData));
                payloads.Add(Health(d, Next(d), ts, k, di));
                if (d != North2)
                {
                    payloads.Add(Air(d, Next(d), ts, k, di));
                }
            }
        }

        payloads.Add(new StatusPayload
        {
            Device = East1, Seq = Next(East1), Ts = end - TimeSpan.FromHours(6), IntervalS = 0, State = DeviceState.Offline, AgentVersion = "0.5.0",
            ModelVersion = "demo-traffic 2", BirthTs = start,
        });
        return new SeedData(end, hours, payloads);
    }

    /// <summary>Cars crossing "stop-n" inwards in interval <paramref name="k"/> of device index <paramref name="di"/>: a daily wave.</summary>
    public static int Cars(int k, int di) => 20 + di * 7 + (int)(18 * (1 + Math.Sin(k * Math.PI / 48))) + (k % 5);

    /// <summary>A traffic summary for one interval (public so tests can publish a "new" one the same way).</summary>
    public static TrafficSummaryPayload Traffic(string device, long seq, DateTimeOffset end, int k, int di, bool noData = false)
    {
        int cars = Cars(k, di);
        return new TrafficSummaryPayload
        {
            Device = device,
            Seq = seq,
            Ts = end,
            IntervalS = IntervalS,
            Camera = "cam0",
            Status = noData ? TrafficIntervalStatus.NoData : TrafficIntervalStatus.Complete,
            Reason = noData ? "camera stalled" : null,
            FramesSeen = noData ? 0 : 9000,
            FramesDetected = noData ? 0 : 4100,
            Lines = noData ? null :
            [
                new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "car", Count = cars },
                new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "bus", Count = 1 + k % 3 },
                new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "bicycle", Count = k % 4 },
                new LineCountEntry { Line = "stop-s", Direction = LineDirection.Out, Class = "car", Count = cars / 2 },
                new LineCountEntry { Line = "stop-s", Direction = LineDirection.Out, Class = "truck", Count = k % 2 },
            ],
            Movements = noData ? null :
            [
                new MovementCountEntry { From = "north", To = "south", Kind = TurnKind.Through, Class = "car", Count = cars / 2 },
                new MovementCountEntry { From = "north", To = "east", Kind = TurnKind.Left, Class = "car", Count = cars / 4 },
                new MovementCountEntry { From = "north", To = "west", Kind = TurnKind.Right, Class = "car", Count = cars / 5 },
                new MovementCountEntry { From = "south", To = "north", Kind = TurnKind.Through, Class = "car", Count = cars / 3 },
                new MovementCountEntry { From = "east", To = "south", Kind = TurnKind.Right, Class = "bus", Count = 1 + k % 2 },
            ],
            Queues = noData ? null :
            [
                new QueueEntry { Approach = "north", MaxVehicles = 2 + cars / 8, MaxM = Math.Round(6.5 * (2 + cars / 8), 1), MeanM = Math.Round(2.0 * (1 + cars / 10), 1) },
            ],
            Speeds = noData ? null :
            [
                new SpeedEntry { Name = "stop-n", Site = SpeedSiteKind.Line, Samples = cars, MeanKmh = Math.Round(42 - cars / 5.0, 1), P85Kmh = Math.Round(50 - cars / 6.0, 1) },
            ],
        };
    }

    /// <summary>PM2.5 of interval <paramref name="k"/>, µg/m³.</summary>
    public static double Pm25(int k, int di) => Math.Round(8 + di * 6 + 10 * (1 + Math.Sin(k * Math.PI / 40)), 1);

    private static AirSummaryPayload Air(string device, long seq, DateTimeOffset end, int k, int di)
    {
        double pm25 = Pm25(k, di);
        string[]? flags = k == 0 ? [QualityFlagNames.WarmUp] : k % 37 == 5 ? [QualityFlagNames.HumidityAboveSensorRange] : null;
        AirQuantityEntry Q(string quantity, string unit, double mean, string sensor, string model, string[]? f = null) => new()
        {
            Sensor = sensor, Model = model, Quantity = quantity, Unit = unit, Count = 90, Expected = 90, Mean = mean, Min = mean - 1, Max = mean + 1, StdDev = 0.5,
            Flags = f, FlaggedSamples = f is null ? 0 : 12,
        };
        return new AirSummaryPayload
        {
            Device = device,
            Seq = seq,
            Ts = end,
            IntervalS = IntervalS,
            Quantities =
            [
                Q(QuantityNames.Pm25, "µg/m³", pm25, "pm", "pms5003", flags),
                Q(QuantityNames.Pm10, "µg/m³", Math.Round(pm25 * 1.6, 1), "pm", "pms5003", flags),
                Q(QuantityNames.Co2, "ppm", 420 + di * 30 + k % 40, "co2", "scd41"),
                Q(QuantityNames.Temperature, "°C", Math.Round(12 + 6 * Math.Sin(k * Math.PI / 48), 2), "climate", "bme280"),
                Q(QuantityNames.RelativeHumidity, "%", Math.Round(60 + 20 * Math.Cos(k * Math.PI / 48), 1), "climate", "bme280"),
            ],
        };
    }

    private static HealthPayload Health(string device, long seq, DateTimeOffset end, int k, int di) => new()
    {
        Device = device,
        Seq = seq,
        Ts = end,
        IntervalS = IntervalS,
        AgentVersion = "0.5.0",
        ModelVersion = "demo-traffic 2",
        Cameras = [new CameraHealthEntry { Camera = "cam0", Fps = 9.5 + di * 0.1, InferenceMsMean = 38 + di * 4 + k % 3, InferenceMsP95 = 52 + di * 4, FramesDropped = k % 4 }],
        OutboxDepth = di == 2 ? 140 : k % 3,
        CpuTemperatureC = 48 + di * 3 + k % 5,
        UptimeS = 3600 + k * IntervalS,
    };
}
