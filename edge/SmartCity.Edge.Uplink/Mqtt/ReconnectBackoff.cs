namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>Exponential reconnect delay with "equal jitter": half of the capped exponential delay is fixed, the
/// other half random, so a fleet that lost the broker together does not reconnect in lockstep.</summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Random _random;

    /// <summary>Creates a backoff from <paramref name="min"/> doubling up to <paramref name="max"/>.</summary>
    public ReconnectBackoff(TimeSpan min, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        _min = min;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>Delay before reconnect attempt number <paramref name="attempt"/> (0 for the first retry).</summary>
    public TimeSpan NextDelay(int attempt)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var capped = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, exponent));
        var half = capped / 2;
        return TimeSpan.FromMilliseconds(half + (_random.NextDouble() * half));
    }
}
