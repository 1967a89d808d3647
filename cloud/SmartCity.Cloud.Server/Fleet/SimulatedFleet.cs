using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Cloud.Server.Fleet;

/// <summary>
/// Device configurations of the simulated fleet: each device its own synthetic scenario, site, seed, identity
/// (device id = MQTT client id = username, as the broker's per-device rule wants) and outbox folder.
/// </summary>
internal static class SimulatedFleet
{
    /// <summary>Scenario and site of each demo device, in order; more devices cycle through them with new seeds.</summary>
    public static readonly IReadOnlyList<(string Scenario, string Site)> Sites =
    [
        ("light", "market-square"),
        ("road", "ring-road-east"),
        ("dense-queue", "station-junction"),
        ("pedestrians", "old-town-crossing"),
        ("night", "harbour-gate"),
    ];

    /// <summary>
    /// Plan position of each demo site (WGS 84), so the fleet page's site map and the FIWARE open data have a location:
    /// a made-up town laid out around 50.000° N, 10.000° E (a field in Germany, no real junction). Later rounds of the
    /// cycle sit 600 m further north each.
    /// </summary>
    private static readonly (double Latitude, double Longitude)[] s_locations =
    [
        (50.0000, 10.0000),
        (50.0035, 10.0120),
        (49.9950, 10.0060),
        (50.0020, 9.9930),
        (49.9930, 9.9880),
    ];

    /// <summary>The plan position of demo device <paramref name="index"/> (0-based).</summary>
    public static (double Latitude, double Longitude) Location(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var (lat, lon) = s_locations[index % s_locations.Length];
        return (lat + index / s_locations.Length * 0.0054, lon);
    }

    /// <summary>The device id of demo device <paramref name="index"/> (0-based): <c>sim-edge-01</c> …</summary>
    public static string DeviceId(int index) => $"sim-edge-{index + 1:00}";

    /// <summary>The configuration of demo device <paramref name="index"/> sending to <paramref name="brokerHost"/>:<paramref name="brokerPort"/>.</summary>
    public static AgentConfiguration Create(int index, string brokerHost, int brokerPort, string outboxRoot, TimeSpan healthPeriod, bool paced)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var (scenario, site) = Sites[index % Sites.Count];
        int round = index / Sites.Count;
        string id = DeviceId(index);
        var config = new AgentConfiguration
        {
            Device = new DeviceIdentity { Id = id, Site = round == 0 ? site : $"{site}-{round + 1}" },
            Source = new FrameSourceOptions { Type = FrameSourceTypes.Synthetic, RealTime = paced },
            Synthetic = new SyntheticSourceSettings { Scenario = scenario, Seed = round == 0 ? null : 7919 * (index + 1) },
            Uplink = new UplinkSettings
            {
                Host = brokerHost,
                Port = brokerPort,
                Username = id,
                OutboxDirectory = Path.Combine(outboxRoot, id),
                HealthPeriod = healthPeriod,
            },
        };
        config.Supervisor.ChannelCapacity = 2;
        return config;
    }
}
