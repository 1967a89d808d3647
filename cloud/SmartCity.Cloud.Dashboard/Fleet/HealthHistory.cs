using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Fleet;

/// <summary>A device's health history (<c>GET /api/v1/devices/{id}/health</c>); null = no health interval in the bin.</summary>
/// <param name="Device">Device id.</param>
/// <param name="From">Start of the first bin, UTC.</param>
/// <param name="Bin">"15m" or "1h".</param>
/// <param name="BinSeconds">Bin width, seconds.</param>
/// <param name="BinCount">Values per series.</param>
/// <param name="Fps">Frames per second (mean over cameras).</param>
/// <param name="InferenceMs">Mean inference time, ms.</param>
/// <param name="FramesDropped">Frames dropped in the bin.</param>
/// <param name="OutboxDepth">Largest outbox depth, messages.</param>
/// <param name="CpuTemperatureC">Processor temperature, °C.</param>
public sealed record HealthHistory(
    string Device,
    DateTimeOffset From,
    string Bin,
    int BinSeconds,
    int BinCount,
    IReadOnlyList<double?> Fps,
    IReadOnlyList<double?> InferenceMs,
    IReadOnlyList<long?> FramesDropped,
    IReadOnlyList<long?> OutboxDepth,
    IReadOnlyList<double?> CpuTemperatureC)
{
    /// <summary>From the store's answer (a device without health gets all-null series).</summary>
    public static HealthHistory Create(string device, HealthBins bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        HealthSeries? s = bins.Series.FirstOrDefault(x => x.Device == device);
        int n = bins.BinCount;
        return new HealthHistory(device, bins.From, bins.Bin == BinWidth.Hour ? "1h" : "15m", (int)bins.Bin.ToTimeSpan().TotalSeconds, n,
            s?.Fps ?? new double?[n], s?.InferenceMs ?? new double?[n], s?.FramesDropped ?? new long?[n], s?.OutboxDepth ?? new long?[n],
            s?.CpuTemperatureC ?? new double?[n]);
    }
}
