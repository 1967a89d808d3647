using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Live;

/// <summary>
/// Sees every stored ingest batch (alert rules, caches). Register as a singleton; <see cref="OnBatch"/> runs on the
/// ingest path, so it must be quick and hand slow work to its own queue. An exception is logged and swallowed.
/// </summary>
public interface IDashboardBatchObserver
{
    /// <summary>Called once per batch after the store accepted it.</summary>
    void OnBatch(IReadOnlyList<WirePayload> batch);
}
