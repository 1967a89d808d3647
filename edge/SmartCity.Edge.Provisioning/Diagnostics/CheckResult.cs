namespace SmartCity.Edge.Provisioning.Diagnostics;

/// <summary>One <c>doctor</c> line: what was checked, the outcome, what was seen and, on failure, what to do.</summary>
public sealed record CheckResult
{
    /// <summary>Short name ("broker", "sensor climate").</summary>
    public required string Name { get; init; }

    /// <summary>Outcome.</summary>
    public required CheckStatus Status { get; init; }

    /// <summary>What was seen, with units.</summary>
    public required string Detail { get; init; }

    /// <summary>What to do about a failure or warning.</summary>
    public string? Hint { get; init; }

    /// <summary>How long the check took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>A pass.</summary>
    public static CheckResult Pass(string name, string detail) => new() { Name = name, Status = CheckStatus.Pass, Detail = detail };

    /// <summary>A failure with a hint.</summary>
    public static CheckResult Fail(string name, string detail, string hint) => new() { Name = name, Status = CheckStatus.Fail, Detail = detail, Hint = hint };

    /// <summary>A warning with a hint.</summary>
    public static CheckResult Warn(string name, string detail, string hint) => new() { Name = name, Status = CheckStatus.Warn, Detail = detail, Hint = hint };

    /// <summary>Not run.</summary>
    public static CheckResult Skip(string name, string detail) => new() { Name = name, Status = CheckStatus.Skip, Detail = detail };
}
