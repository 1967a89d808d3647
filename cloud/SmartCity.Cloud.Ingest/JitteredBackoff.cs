namespace SmartCity.Cloud.Ingest;

/// <summary>Exponential delay with "equal jitter" (half fixed, half random), so nodes that failed together do not
/// retry in lockstep.</summary>
internal sealed class JitteredBackoff(TimeSpan min, TimeSpan max)
{
    public TimeSpan NextDelay(int attempt)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var capped = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
        var half = capped / 2;
        return TimeSpan.FromMilliseconds(half + (Random.Shared.NextDouble() * half));
    }
}
