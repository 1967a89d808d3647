using System.Globalization;
using SmartCity.Bench.Ingest.Audit;
using SmartCity.Cloud.Ingest;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>The outcome of one fault run: what was done, the seq audit and the ingest's counters.</summary>
public sealed record FaultRunResult
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>Faults injected (kills, cuts).</summary>
    public required int Faults { get; init; }

    /// <summary>The store audit.</summary>
    public required SeqAuditReport Audit { get; init; }

    /// <summary>Counters of every ingest node, summed where it makes sense.</summary>
    public required IReadOnlyList<IngestStats> Nodes { get; init; }

    /// <summary>Wall time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Free-form facts of the run (reconnects, resends, outbox drops).</summary>
    public required string Details { get; init; }

    /// <summary>The broker's last log lines, for a failure message.</summary>
    public required string BrokerLog { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        long stored = Nodes.Sum(static n => n.Stored), dups = Nodes.Sum(static n => n.Duplicates), resends = Nodes.Sum(static n => n.ResendRequests);
        long reconnects = Nodes.Sum(static n => n.Reconnects);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {Faults} faults in {Elapsed.TotalSeconds:F0} s; audit: {Audit}; ingest stored {stored}, duplicates skipped {dups}, resend requests {resends}, reconnects {reconnects}; {Details}");
    }
}
