namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Exponential backoff with jitter for reopening a dead source: initial, ×2 per consecutive failure, capped.
/// Jitter keeps a fleet of devices that lost the same camera server from reconnecting in lockstep.
/// </summary>
public sealed class RestartBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;
    private int _failures;

    /// <summary>Creates a backoff; <paramref name="jitter"/> is the ± fraction applied to each delay (0–1).</summary>
    public RestartBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1.0);
        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>Consecutive failures since the last <see cref="Reset"/>.</summary>
    public int Failures => _failures;

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        double baseMs = _initial.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30));
        baseMs = Math.Min(baseMs, _max.TotalMilliseconds);
        _failures++;
        double factor = 1 + (_jitter * ((_random.NextDouble() * 2) - 1));
        return TimeSpan.FromMilliseconds(Math.Min(baseMs * factor, _max.TotalMilliseconds));
    }

    /// <summary>Starts again from the initial delay (after a healthy period).</summary>
    public void Reset() => _failures = 0;
}
