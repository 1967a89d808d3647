namespace SmartCity.Edge.Updates;

/// <summary>The outcome of a candidate's self-test (for a model: loads and runs on a bundled frame).</summary>
/// <param name="Passed">True when the candidate may become active.</param>
/// <param name="Detail">What was checked or what failed, one line.</param>
public readonly record struct SelfTestResult(bool Passed, string Detail)
{
    /// <summary>A pass.</summary>
    public static SelfTestResult Pass(string detail) => new(true, detail);

    /// <summary>A failure.</summary>
    public static SelfTestResult Fail(string detail) => new(false, detail);
}

/// <summary>
/// Tests an installed candidate folder. The agent passes one that loads the model and runs it on a bundled frame
/// (or validates a configuration); exceptions it throws count as failures.
/// </summary>
public delegate ValueTask<SelfTestResult> SelfTest(string folder, CancellationToken cancellationToken);
