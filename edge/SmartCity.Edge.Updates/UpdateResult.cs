using SmartCity.Contracts;

namespace SmartCity.Edge.Updates;

/// <summary>What an install or rollback did; <see cref="ToCommandResult"/> turns it into the <c>cmd-result</c> payload.</summary>
public sealed record UpdateResult
{
    /// <summary>The kind updated.</summary>
    public required BundleKind Kind { get; init; }

    /// <summary>Ok (installed), Rejected (refused before install) or Failed (self-test failed; previous kept or restored).</summary>
    public required CommandOutcome Outcome { get; init; }

    /// <summary>The refusal, for <see cref="CommandOutcome.Rejected"/>.</summary>
    public BundleRefusal? Refusal { get; init; }

    /// <summary>The bundle's version, when its manifest could be read.</summary>
    public long? BundleVersion { get; init; }

    /// <summary>The version active after the operation.</summary>
    public required long ActiveVersion { get; init; }

    /// <summary>The slot active after the operation (null: none).</summary>
    public string? ActiveSlot { get; init; }

    /// <summary>True when the active slot was switched back to the previous version.</summary>
    public bool RolledBack { get; init; }

    /// <summary>One line for the operator.</summary>
    public required string Message { get; init; }

    /// <summary>The <c>cmd-result</c> payload answering request <paramref name="requestId"/> of command <paramref name="commandName"/>.</summary>
    public CommandResultPayload ToCommandResult(string deviceId, long seq, string requestId, string commandName, DateTimeOffset ts) => new()
    {
        Device = deviceId,
        Seq = seq,
        Ts = ts,
        IntervalS = 0,
        RequestId = requestId,
        Name = commandName,
        Outcome = Outcome,
        Message = Fit(Message),
    };

    // The wire contract caps text at WireValidator.MaxTextLength and refuses control characters other than \n and \t.
    private static string Fit(string message)
    {
        var chars = message.Where(c => !char.IsControl(c) || c is '\n' or '\t');
        string clean = string.Concat(chars);
        return clean.Length <= WireValidator.MaxTextLength ? clean : string.Concat(clean.AsSpan(0, WireValidator.MaxTextLength - 1), "…");
    }
}
