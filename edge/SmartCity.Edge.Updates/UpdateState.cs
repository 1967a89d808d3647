namespace SmartCity.Edge.Updates;

/// <summary>What is installed for one kind: persisted in <c>state.json</c> of its slot store.</summary>
public sealed record UpdateState
{
    /// <summary>Version in the active slot (0: the factory image, no bundle installed yet).</summary>
    public long ActiveVersion { get; init; }

    /// <summary>Name of the active bundle.</summary>
    public string? ActiveName { get; init; }

    /// <summary>The active slot, "a" or "b"; null before the first install.</summary>
    public string? ActiveSlot { get; init; }

    /// <summary>Version kept in the other slot for rollback (0: none).</summary>
    public long PreviousVersion { get; init; }

    /// <summary>Name of the bundle kept in the other slot.</summary>
    public string? PreviousName { get; init; }

    /// <summary>Highest version ever installed: replay protection survives a rollback.</summary>
    public long HighestVersion { get; init; }

    /// <summary>When the active slot last changed (UTC).</summary>
    public DateTimeOffset? ChangedAt { get; init; }
}
