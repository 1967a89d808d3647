namespace SmartCity.Contracts;

/// <summary>Outcome of <see cref="WireValidator.Validate"/>: valid, or invalid with a reason naming the field.</summary>
/// <param name="IsValid">True when the message may be stored.</param>
/// <param name="Reason">Why it may not; null when valid.</param>
public readonly record struct WireValidationResult(bool IsValid, string? Reason)
{
    /// <summary>A valid message.</summary>
    public static WireValidationResult Valid => new(true, null);

    /// <summary>An invalid message and why.</summary>
    public static WireValidationResult Invalid(string reason) => new(false, reason);
}
