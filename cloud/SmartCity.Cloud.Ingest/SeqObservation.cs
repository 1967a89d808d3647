namespace SmartCity.Cloud.Ingest;

/// <summary>What <see cref="SeqAuditor.Observe"/> made of a stored message's seq.</summary>
public enum SeqObservation
{
    /// <summary>New, and above every seq seen of the device (the usual case).</summary>
    InOrder,

    /// <summary>New, and below a seq seen before: it fills (part of) a hole. Counted as reordered, not lost.</summary>
    FilledGap,

    /// <summary>Seen before: a redelivery or a resend. Counted as a duplicate.</summary>
    Duplicate,

    /// <summary>At or below the device's seq when the audit started (the store's last seq, or the first seq seen):
    /// the auditor cannot tell new from duplicate; the store can.</summary>
    BeforeAudit,
}
