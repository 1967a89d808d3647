using System.Globalization;

namespace SmartCity.Bench.Ingest.Audit;

/// <summary>What the store holds against what the devices published: every (device, seq) exactly once.</summary>
public sealed record SeqAuditReport
{
    /// <summary>Messages the devices published (distinct (device, seq)).</summary>
    public required long Expected { get; init; }

    /// <summary>Distinct (device, seq) in the store's message table within the published ranges.</summary>
    public required long Present { get; init; }

    /// <summary>Published but absent.</summary>
    public required long Lost { get; init; }

    /// <summary>Stored more than once: extra measure rows of a message (the message table's key cannot hold a repeat,
    /// so repeats are looked for where they would show: the traffic coverage and air rows).</summary>
    public required long Duplicated { get; init; }

    /// <summary>(device, seq) in the store that no device published.</summary>
    public required long Unexpected { get; init; }

    /// <summary>Traffic or air messages whose measure rows are missing.</summary>
    public required long MissingMeasures { get; init; }

    /// <summary>A few lost (device, seq), for the failure message.</summary>
    public required IReadOnlyList<string> LostSamples { get; init; }

    /// <summary>Zero lost, zero duplicated, nothing unexpected, no message without its measures.</summary>
    public bool Clean => Lost == 0 && Duplicated == 0 && Unexpected == 0 && MissingMeasures == 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"expected {Expected}, present {Present}, lost {Lost}, duplicated {Duplicated}, unexpected {Unexpected}, missing measures {MissingMeasures}")
        + (LostSamples.Count > 0 ? $" (lost e.g. {string.Join(", ", LostSamples)})" : "");
}
