using SmartCity.Contracts;

namespace SmartCity.Cloud.Storage.Rows;

/// <summary>Maps the parts of the contract that only the dashboard reads (health, queues, speeds, QA flags) onto rows.</summary>
internal static class DashboardRowFlattener
{
    public static void Add(StoreBatch batch, WirePayload p, string site, DateTime start)
    {
        switch (p)
        {
            case HealthPayload h:
                AddHealth(batch, h, site, start);
                break;
            case TrafficSummaryPayload t when t.Status != TrafficIntervalStatus.NoData:
                if (t.Queues is { } queues)
                {
                    foreach (QueueEntry q in queues)
                    {
                        batch.Queues.Add(new QueueRow(t.Seq, t.Device, site, t.Camera, start, q.Approach, q.MaxVehicles, q.MaxM, q.MeanM));
                    }
                }

                if (t.Speeds is { } speeds)
                {
                    foreach (SpeedEntry s in speeds)
                    {
                        batch.Speeds.Add(new SpeedRow(t.Seq, t.Device, site, t.Camera, start, s.Name, s.Site == SpeedSiteKind.Approach ? "approach" : "line",
                            s.Samples, Finite(s.MeanKmh), Finite(s.P85Kmh)));
                    }
                }

                break;
            case AirSummaryPayload a:
                foreach (AirQuantityEntry q in a.Quantities)
                {
                    if (q.Flags is { Count: > 0 } flags)
                    {
                        batch.AirFlags.Add(new AirFlagRow(a.Seq, a.Device, site, q.Sensor, start, q.Quantity, string.Join(',', flags), q.FlaggedSamples));
                    }
                }

                break;
        }
    }

    private static void AddHealth(StoreBatch batch, HealthPayload h, string site, DateTime start)
    {
        DateTime ts = h.Ts.UtcDateTime;
        double? cpu = Finite(h.CpuTemperatureC);
        if (h.Cameras.Count == 0)
        {
            batch.Health.Add(new HealthRow(h.Seq, h.Device, site, "", start, ts, null, null, null, 0, h.OutboxDepth, h.OutboxDropped, cpu, h.UptimeS,
                h.AgentVersion, h.ModelVersion));
            return;
        }

        foreach (CameraHealthEntry c in h.Cameras)
        {
            batch.Health.Add(new HealthRow(h.Seq, h.Device, site, c.Camera, start, ts, Finite(c.Fps), Finite(c.InferenceMsMean), Finite(c.InferenceMsP95),
                c.FramesDropped, h.OutboxDepth, h.OutboxDropped, cpu, h.UptimeS, h.AgentVersion, h.ModelVersion));
        }
    }

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
