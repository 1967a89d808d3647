namespace SmartCity.Edge.Provisioning.Diagnostics;

/// <summary>The outcome of one <c>doctor</c> check.</summary>
public enum CheckStatus
{
    /// <summary>Works.</summary>
    Pass,

    /// <summary>Does not work: <c>doctor</c> exits non-zero.</summary>
    Fail,

    /// <summary>Works but needs attention, or the check cannot tell (said so in the detail).</summary>
    Warn,

    /// <summary>Not applicable or skipped on request.</summary>
    Skip,
}
