namespace SmartCity.Edge.Updates;

/// <summary>Thread-safe counters of what happened to bundles on this device (for <c>health</c> and logs).</summary>
public sealed class UpdateCounters
{
    private readonly long[] _refused = new long[BundleRefusals.All.Length];
    private long _installed;
    private long _selfTestFailures;
    private long _rollbacks;

    /// <summary>Bundles installed and active.</summary>
    public long Installed => Interlocked.Read(ref _installed);

    /// <summary>Candidates whose self-test failed (before or after the switch).</summary>
    public long SelfTestFailures => Interlocked.Read(ref _selfTestFailures);

    /// <summary>Times the active slot was switched back to the previous one.</summary>
    public long Rollbacks => Interlocked.Read(ref _rollbacks);

    /// <summary>Bundles refused for <paramref name="refusal"/>.</summary>
    public long Refused(BundleRefusal refusal) => Interlocked.Read(ref _refused[(int)refusal]);

    /// <summary>All refused bundles.</summary>
    public long RefusedTotal
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _refused.Length; i++)
            {
                sum += Interlocked.Read(ref _refused[i]);
            }

            return sum;
        }
    }

    internal void CountRefused(BundleRefusal refusal) => Interlocked.Increment(ref _refused[(int)refusal]);

    internal void CountInstalled() => Interlocked.Increment(ref _installed);

    internal void CountSelfTestFailure() => Interlocked.Increment(ref _selfTestFailures);

    internal void CountRollback() => Interlocked.Increment(ref _rollbacks);
}
