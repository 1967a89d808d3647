using SmartCity.Cloud.Ingest;
using SmartCity.Contracts;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>Which (device, seq) the ingest nodes reported stored (<see cref="IngestService.BatchStored"/>), to know
/// when a run is complete without trusting the nodes' own audit; the verdict is the store audit afterwards.</summary>
internal sealed class StoredTracker
{
    private readonly Dictionary<string, HashSet<long>> _seen = new(StringComparer.Ordinal);

    public void Attach(IngestService node) => node.BatchStored += OnBatch;

    /// <summary>Published messages (within <paramref name="ranges"/>) not reported stored yet.</summary>
    public long Missing(IReadOnlyDictionary<string, (long First, long Last)> ranges)
    {
        long missing = 0;
        lock (_seen)
        {
            foreach ((string device, (long first, long last)) in ranges)
            {
                HashSet<long>? seqs = _seen.GetValueOrDefault(device);
                for (long s = first; s <= last; s++)
                {
                    if (seqs is null || !seqs.Contains(s))
                    {
                        missing++;
                    }
                }
            }
        }

        return missing;
    }

    private void OnBatch(object? sender, IngestBatchEventArgs e)
    {
        lock (_seen)
        {
            foreach (WirePayload p in e.Payloads)
            {
                if (p.Kind == MessageKind.Status)
                {
                    continue;
                }

                if (!_seen.TryGetValue(p.Device, out HashSet<long>? seqs))
                {
                    _seen[p.Device] = seqs = [];
                }

                seqs.Add(p.Seq);
            }
        }
    }
}
