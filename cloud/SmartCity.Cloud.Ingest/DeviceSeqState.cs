namespace SmartCity.Cloud.Ingest;

/// <summary>The seq audit of one device at the time of <see cref="SeqAuditor.Snapshot"/>.</summary>
public sealed record DeviceSeqState
{
    /// <summary>Device id.</summary>
    public required string Device { get; init; }

    /// <summary>Seq the audit started after (the store's last seq at start, or the first seq seen minus one).</summary>
    public required long AuditStart { get; init; }

    /// <summary>Contiguous watermark: every seq in (<see cref="AuditStart"/>, <see cref="Watermark"/>] is stored.</summary>
    public required long Watermark { get; init; }

    /// <summary>Highest seq stored.</summary>
    public required long HighestSeq { get; init; }

    /// <summary>Seqs stored above the watermark, i.e. past a hole.</summary>
    public required int OutOfOrder { get; init; }

    /// <summary>The holes now open, oldest seq first.</summary>
    public required IReadOnlyList<SeqGap> OpenGaps { get; init; }

    /// <summary>New seqs stored since the audit started.</summary>
    public required long Stored { get; init; }

    /// <summary>Seqs seen again (redelivered or resent).</summary>
    public required long Duplicates { get; init; }

    /// <summary>Seqs that arrived after a higher one and filled a hole.</summary>
    public required long Reordered { get; init; }

    /// <summary>Seqs at or below <see cref="AuditStart"/> that arrived after the audit started.</summary>
    public required long BeforeAudit { get; init; }

    /// <summary>Holes that opened.</summary>
    public required long GapsOpened { get; init; }

    /// <summary>Holes that closed (every seq of them arrived).</summary>
    public required long GapsClosed { get; init; }

    /// <summary>Seqs given up as lost: holes older than <see cref="IngestOptions.GapGiveUpAfter"/>, or beyond
    /// <see cref="SeqAuditor.MaxTrackedAhead"/> tracked seqs.</summary>
    public required long Abandoned { get; init; }

    /// <summary>When the last seq of the device was observed.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>When a resend was last requested from the device; null if never.</summary>
    public DateTimeOffset? LastResendRequestAt { get; init; }
}
