using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>Turns wire payloads into the values alert rules watch. Intervals without data give no value (never a zero).</summary>
internal sealed class MetricExtractor
{
    private readonly NowCastTracker _nowCast = new();

    /// <summary>Appends the observations in <paramref name="payload"/> to <paramref name="into"/>.</summary>
    public void Extract(WirePayload payload, List<MetricObservation> into)
    {
        DateTimeOffset end = payload.Ts;
        DateTimeOffset start = end - TimeSpan.FromSeconds(payload.IntervalS);
        string d = payload.Device;
        switch (payload)
        {
            case AirSummaryPayload air:
                foreach (AirQuantityEntry q in air.Quantities)
                {
                    if (q.Mean is not { } mean || q.Count == 0)
                    {
                        continue;
                    }

                    into.Add(new MetricObservation(d, q.Quantity, q.Sensor, mean, start, end));
                    if (q.Quantity == QuantityNames.Pm25)
                    {
                        // The EPA humidity correction where the device sent one (it is what AirNow's sensor map uses for AQI).
                        double pm = q.CorrectedPm25 ?? mean;
                        if (_nowCast.Add(d, q.Sensor, start, end, pm) is { } aqi)
                        {
                            into.Add(new MetricObservation(d, AlertMetrics.Pm25NowCastAqi, q.Sensor, aqi, start, end));
                        }
                    }
                }

                break;
            case TrafficSummaryPayload traffic when traffic.Queues is { } queues:
                foreach (QueueEntry q in queues)
                {
                    into.Add(new MetricObservation(d, AlertMetrics.QueueMetres, q.Approach, q.MaxM, start, end));
                    into.Add(new MetricObservation(d, "queue_vehicles", q.Approach, q.MaxVehicles, start, end));
                }

                break;
            case HealthPayload health:
                foreach (CameraHealthEntry c in health.Cameras)
                {
                    into.Add(new MetricObservation(d, "fps", c.Camera, c.Fps, start, end));
                    into.Add(new MetricObservation(d, "dropped_frames", c.Camera, c.FramesDropped, start, end));
                    if (c.InferenceMsMean is { } ms)
                    {
                        into.Add(new MetricObservation(d, "inference_ms", c.Camera, ms, start, end));
                    }
                }

                into.Add(new MetricObservation(d, "outbox_depth", "", health.OutboxDepth, start, end));
                if (health.CpuTemperatureC is { } t)
                {
                    into.Add(new MetricObservation(d, "cpu_temperature_c", "", t, start, end));
                }

                break;
        }
    }
}
