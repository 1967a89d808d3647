using System.Globalization;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>
/// How long the fault runs are: <see cref="Full"/> is the figure (20 broker kills, 10 edge kills, a 10-minute
/// cut); <see cref="Ci"/> fits a CI run of a few minutes. <c>SMARTCITY_FAULT_SCALE</c> picks: <c>full</c>, <c>ci</c>
/// (default) or a factor between 0 and 1 of the full run.
/// </summary>
public sealed record FaultScale
{
    /// <summary>Environment variable that sets the scale of the fault tests.</summary>
    public const string EnvironmentVariable = "SMARTCITY_FAULT_SCALE";

    /// <summary>Broker kill -9/restart cycles under load.</summary>
    public required int BrokerKills { get; init; }

    /// <summary>Edge publisher kill -9 cycles.</summary>
    public required int EdgeKills { get; init; }

    /// <summary>Length of the network cut between edge and broker.</summary>
    public required TimeSpan NetworkCut { get; init; }

    /// <summary>Longest wait, after the devices stop, for everything published to be stored (gap-fill included).</summary>
    public required TimeSpan Drain { get; init; }

    /// <summary>The full-length runs.</summary>
    public static FaultScale Full { get; } = new() { BrokerKills = 20, EdgeKills = 10, NetworkCut = TimeSpan.FromMinutes(10), Drain = TimeSpan.FromMinutes(5) };

    /// <summary>Short enough for CI, long enough that every fault happens several times under load.</summary>
    public static FaultScale Ci { get; } = new() { BrokerKills = 3, EdgeKills = 3, NetworkCut = TimeSpan.FromSeconds(20), Drain = TimeSpan.FromSeconds(90) };

    /// <summary>The scale named by <c>SMARTCITY_FAULT_SCALE</c>.</summary>
    /// <exception cref="ArgumentException">The value is neither full, ci nor a number in (0, 1].</exception>
    public static FaultScale FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Parses full, ci (or empty) or a factor in (0, 1] of the full run.</summary>
    public static FaultScale Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Equals("ci", StringComparison.OrdinalIgnoreCase))
        {
            return Ci;
        }

        if (value.Equals("full", StringComparison.OrdinalIgnoreCase))
        {
            return Full;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 0 && f <= 1)
        {
            return new FaultScale
            {
                BrokerKills = Math.Max(1, (int)Math.Round(Full.BrokerKills * f)),
                EdgeKills = Math.Max(1, (int)Math.Round(Full.EdgeKills * f)),
                NetworkCut = TimeSpan.FromSeconds(Math.Max(5, Full.NetworkCut.TotalSeconds * f)),
                Drain = TimeSpan.FromSeconds(Math.Max(90, Full.Drain.TotalSeconds * f)),
            };
        }

        throw new ArgumentException($"{EnvironmentVariable}='{value}': use 'full', 'ci' or a factor in (0, 1] of the full run.");
    }
}
