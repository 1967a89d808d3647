namespace SmartCity.Cloud.Ingest;

/// <summary>Counters of one <see cref="IngestService"/> since it started (gap counters come from its
/// <see cref="SeqAuditor"/>, which several nodes may share).</summary>
public sealed record IngestStats
{
    /// <summary>Messages received from the broker (redeliveries included).</summary>
    public required long Received { get; init; }

    /// <summary>Messages the store took for the first time.</summary>
    public required long Stored { get; init; }

    /// <summary>Messages the store had already (by device and seq): redeliveries and resends, skipped.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Messages dead-lettered, all reasons.</summary>
    public required long DeadLettered { get; init; }

    /// <summary>Messages dead-lettered, per reason (every reason present, 0 where none).</summary>
    public required IReadOnlyDictionary<DeadLetterReason, long> DeadLetteredByReason { get; init; }

    /// <summary>Store (or dead-letter store) writes that failed and were retried.</summary>
    public required long StoreRetries { get; init; }

    /// <summary>Batches written.</summary>
    public required long Batches { get; init; }

    /// <summary>Messages acknowledged to the broker (PUBACK), stored and dead-lettered alike.</summary>
    public required long Acked { get; init; }

    /// <summary>Messages received on a connection that dropped before they were acknowledged: not acknowledged; the
    /// broker delivers them again.</summary>
    public required long AbandonedOnDisconnect { get; init; }

    /// <summary>Seq holes open now (all devices of the auditor).</summary>
    public required long GapsOpen { get; init; }

    /// <summary>Seq holes closed so far (all devices of the auditor).</summary>
    public required long GapsClosed { get; init; }

    /// <summary>Seqs given up as lost after <see cref="IngestOptions.GapGiveUpAfter"/> (all devices of the auditor).</summary>
    public required long SeqsGivenUp { get; init; }

    /// <summary><c>cmd/resend</c> requests this node published.</summary>
    public required long ResendRequests { get; init; }

    /// <summary>Connected and subscribed now.</summary>
    public required bool Connected { get; init; }

    /// <summary>Successful connects after the first.</summary>
    public required long Reconnects { get; init; }

    /// <summary>One line for logs and test output, dead letters per reason included.</summary>
    public override string ToString()
    {
        var reasons = string.Join(", ", DeadLetteredByReason.Where(r => r.Value != 0).Select(r => $"{r.Key} {r.Value}"));
        return $"received {Received}, stored {Stored}, duplicates {Duplicates}, dead-lettered {DeadLettered}" +
            (reasons.Length == 0 ? "" : $" ({reasons})") +
            $", store retries {StoreRetries}, batches {Batches}, acked {Acked}, abandoned on disconnect {AbandonedOnDisconnect}, gaps open {GapsOpen}, " +
            $"gaps closed {GapsClosed}, seqs given up {SeqsGivenUp}, resend requests {ResendRequests}, connected {Connected}, reconnects {Reconnects}";
    }
}
