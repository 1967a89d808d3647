using System.Globalization;
using SmartCity.Cloud.Dashboard.Querying;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Fleet;

/// <summary>Builds the fleet view from the registry, the latest status (retained birth / last will), last seen and latest health.</summary>
public sealed class FleetService(ITimeSeriesStore store, DeviceDirectory directory, DashboardOptions options, TimeProvider clock)
{
    /// <summary>The whole fleet now.</summary>
    public async Task<FleetView> GetAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        DeviceDirectory.Snapshot dir = await directory.GetAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DeviceStatus> statuses = await store.GetLatestStatusAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<HealthSnapshot> health = await store.GetLatestHealthAsync(cancellationToken).ConfigureAwait(false);
        var statusBy = statuses.ToDictionary(s => s.Device, StringComparer.Ordinal);
        var healthBy = health.ToDictionary(h => h.Device, StringComparer.Ordinal);
        var devices = new List<FleetDevice>(dir.Devices.Count);
        int online = 0, offline = 0, unknown = 0;
        foreach (DashboardDevice d in dir.Devices)
        {
            statusBy.TryGetValue(d.Id, out DeviceStatus? status);
            healthBy.TryGetValue(d.Id, out HealthSnapshot? h);
            DateTimeOffset? lastSeen = dir.LastSeen.TryGetValue(d.Id, out DeviceLastSeen? seen) ? seen.Ts : null;
            (string state, string reason) = StateOf(status, lastSeen, now);
            switch (state)
            {
                case "online": online++; break;
                case "offline": offline++; break;
                default: unknown++; break;
            }

            (string? agent, string? model) = Versions(status, h);
            devices.Add(new FleetDevice(d.Id, d.Name ?? d.Id, d.Site, d.Latitude, d.Longitude, state, reason, lastSeen,
                lastSeen is { } ls ? Math.Round((now - ls).TotalSeconds, 1) : null, status?.Ts, agent, model, h is null ? null : ToHealth(h)));
        }

        return new FleetView(now, options.OfflineAfter.TotalSeconds, online, offline, unknown, devices);
    }

    /// <summary>
    /// A last will (or clean "offline") wins; otherwise a device is online while it keeps sending, and offline once it has
    /// been silent for <see cref="DashboardOptions.OfflineAfter"/> — the broker's will may never arrive if the broker itself
    /// restarted.
    /// </summary>
    private (string State, string Reason) StateOf(DeviceStatus? status, DateTimeOffset? lastSeen, DateTimeOffset now)
    {
        if (status is { State: "offline" } && (lastSeen is null || lastSeen <= status.Ts))
        {
            return ("offline", "last will / disconnected");
        }

        if (lastSeen is not { } seen)
        {
            return status is null ? ("unknown", "never heard from") : ("offline", "no data");
        }

        TimeSpan silent = now - seen;
        if (silent > options.OfflineAfter)
        {
            return ("offline", "silent for " + Ago(silent));
        }

        return ("online", status is { State: "online" } ? "status online" : "sending data");
    }

    private static (string? Agent, string? Model) Versions(DeviceStatus? status, HealthSnapshot? h)
    {
        if (h is not null)
        {
            return (h.AgentVersion, h.ModelVersion);
        }

        // The store keeps a status's versions as "agent X; model Y".
        string? agent = null, model = null;
        if (status?.Detail is { } detail)
        {
            foreach (string part in detail.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("agent ", StringComparison.Ordinal))
                {
                    agent = part[6..];
                }
                else if (part.StartsWith("model ", StringComparison.Ordinal))
                {
                    model = part[6..];
                }
            }
        }

        return (agent, model);
    }

    private static FleetHealth ToHealth(HealthSnapshot h)
    {
        double? fps = h.Cameras.Count == 0 ? null : h.Cameras.Average(c => c.Fps);
        var withInference = h.Cameras.Where(c => c.InferenceMsMean is not null).ToList();
        double? inference = withInference.Count == 0 ? null : withInference.Average(c => c.InferenceMsMean!.Value);
        return new FleetHealth(h.Ts, fps, inference, h.Cameras.Sum(c => c.FramesDropped), h.OutboxDepth, h.OutboxDropped, h.CpuTemperatureC, h.UptimeS, h.Cameras);
    }

    /// <summary>"45 s", "14 min", "3 h 5 min", "2 d 4 h".</summary>
    public static string Ago(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            t = TimeSpan.Zero;
        }

        return t.TotalSeconds < 90 ? ((int)t.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s"
            : t.TotalMinutes < 90 ? ((int)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min"
            : t.TotalHours < 48 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays} d {t.Hours} h");
    }
}
