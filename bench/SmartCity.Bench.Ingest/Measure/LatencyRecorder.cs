using SmartCity.Cloud.Ingest;

namespace SmartCity.Bench.Ingest.Measure;

/// <summary>Publish → queryable latency: at each <see cref="IngestService.BatchStored"/> (the batch's transaction is
/// committed, so a query sees it) now − <c>ts</c>, where the simulated device stamped <c>ts</c> when it composed the message.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<float> _ms = new(1 << 16);
    private long _stored;

    public long Stored => Interlocked.Read(ref _stored);

    public void OnBatch(object? sender, IngestBatchEventArgs e)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        lock (_ms)
        {
            foreach (var payload in e.Payloads)
            {
                if (payload.Kind != SmartCity.Contracts.MessageKind.Status)
                {
                    _ms.Add((float)(now - payload.Ts).TotalMilliseconds);
                }
            }
        }

        Interlocked.Add(ref _stored, e.Result.Stored);
    }

    /// <summary>Percentile (0..100) in ms of every stored message so far; NaN when none.</summary>
    public (double P50, double P99, double Max, long Count) Percentiles()
    {
        float[] copy;
        lock (_ms)
        {
            copy = [.. _ms];
        }

        if (copy.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN, 0);
        }

        Array.Sort(copy);
        return (copy[(int)(0.50 * (copy.Length - 1))], copy[(int)(0.99 * (copy.Length - 1))], copy[^1], copy.Length);
    }
}
