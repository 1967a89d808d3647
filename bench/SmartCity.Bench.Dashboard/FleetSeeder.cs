using SmartCity.Cloud.Dashboard;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Bench.Dashboard;

/// <summary>
/// Writes a city's worth of 15-minute summaries through the store's normal write path: per device and interval one traffic
/// summary (5 line counts, 5 movements, a queue, a speed) and one health message, two devices per site.
/// </summary>
internal static class FleetSeeder
{
    private const int IntervalS = 900;
    private const int BatchSize = 2_000;

    public static IReadOnlyList<DashboardDevice> Devices(int count) =>
        Enumerable.Range(0, count).Select(i => new DashboardDevice(
            $"dev-{i:000}", $"site-{i / 2:00}", $"Junction {i / 2} pole {(char)('a' + i % 2)}", 52.50 + (i / 2 % 5) * 0.006 + (i % 2) * 0.0004, 13.38 + (i / 2 / 5) * 0.009)).ToList();

    public static async Task<long> SeedAsync(ITimeSeriesStore store, IReadOnlyList<DashboardDevice> devices, DateTimeOffset end, int days, Action<string> progress)
    {
        DateTimeOffset start = end - TimeSpan.FromDays(days);
        int intervals = days * 96;
        var batch = new List<WirePayload>(BatchSize);
        var seq = new long[devices.Count];
        long messages = 0;
        for (int k = 0; k < intervals; k++)
        {
            DateTimeOffset ts = start + TimeSpan.FromSeconds((k + 1) * IntervalS);
            for (int d = 0; d < devices.Count; d++)
            {
                string id = devices[d].Id;
                int cars = 10 + (int)(30 * (1 + Math.Sin((k + d * 3) * Math.PI / 48))) + (k * 7 + d) % 5;
                batch.Add(new TrafficSummaryPayload
                {
                    Device = id, Seq = ++seq[d], Ts = ts, IntervalS = IntervalS, Camera = "cam0", Status = TrafficIntervalStatus.Complete,
                    FramesSeen = 9000, FramesDetected = 4000,
                    Lines =
                    [
                        new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "car", Count = cars },
                        new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "bus", Count = 1 + k % 3 },
                        new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "bicycle", Count = k % 4 },
                        new LineCountEntry { Line = "stop-s", Direction = LineDirection.Out, Class = "car", Count = cars / 2 },
                        new LineCountEntry { Line = "stop-s", Direction = LineDirection.Out, Class = "truck", Count = k % 2 },
                    ],
                    Movements =
                    [
                        new MovementCountEntry { From = "north", To = "south", Kind = TurnKind.Through, Class = "car", Count = cars / 2 },
                        new MovementCountEntry { From = "north", To = "east", Kind = TurnKind.Left, Class = "car", Count = cars / 4 },
                        new MovementCountEntry { From = "north", To = "west", Kind = TurnKind.Right, Class = "car", Count = cars / 5 },
                        new MovementCountEntry { From = "south", To = "north", Kind = TurnKind.Through, Class = "car", Count = cars / 3 },
                        new MovementCountEntry { From = "east", To = "south", Kind = TurnKind.Right, Class = "bus", Count = 1 + k % 2 },
                    ],
                    Queues = [new QueueEntry { Approach = "north", MaxVehicles = 2 + cars / 8, MaxM = 6.5 * (2 + cars / 8), MeanM = 2.0 * (1 + cars / 10) }],
                    Speeds = [new SpeedEntry { Name = "stop-n", Site = SpeedSiteKind.Line, Samples = cars, MeanKmh = 42 - cars / 5.0, P85Kmh = 50 - cars / 6.0 }],
                });
                batch.Add(new HealthPayload
                {
                    Device = id, Seq = ++seq[d], Ts = ts, IntervalS = IntervalS, AgentVersion = "0.5.0", ModelVersion = "demo-traffic 2",
                    Cameras = [new CameraHealthEntry { Camera = "cam0", Fps = 9.6, InferenceMsMean = 41, InferenceMsP95 = 55, FramesDropped = k % 3 }],
                    OutboxDepth = k % 4, CpuTemperatureC = 51, UptimeS = k * IntervalS,
                });
                if (batch.Count >= BatchSize)
                {
                    messages += (await store.WriteBatchAsync(batch)).Stored;
                    batch.Clear();
                }
            }

            if (k % 96 == 95)
            {
                progress($"  seeded day {(k + 1) / 96}/{days} ({messages:N0} messages)");
            }
        }

        if (batch.Count > 0)
        {
            messages += (await store.WriteBatchAsync(batch)).Stored;
        }

        return messages;
    }

    public static DateTimeOffset SeedEnd(DateTimeOffset now) => BinWidth.FifteenMinutes.FloorToBin(now);
}
