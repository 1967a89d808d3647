using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Live;
using SmartCity.Cloud.Storage;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>
/// Follows which model each device runs from its <c>status</c> and <c>health</c> messages (both carry
/// <c>model_version</c>), and since when: the agent's start (<c>birth_ts</c>, or <c>ts − uptime_s</c> for health) of the
/// first message naming the model. Kept in <c>registry/deployments.json</c> so "since" survives a restart.
/// </summary>
public sealed partial class DeploymentTracker : IDashboardBatchObserver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ModelDeployment> _byDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sites;
    private readonly string _path;
    private readonly ILogger<DeploymentTracker> _logger;

    /// <summary>Created by DI.</summary>
    public DeploymentTracker(DashboardOptions options, ILogger<DeploymentTracker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _sites = options.Devices.ToDictionary(d => d.Id, d => d.Site, StringComparer.Ordinal);
        _path = Path.Combine(options.DataDirectory, "registry", "deployments.json");
        if (File.Exists(_path))
        {
            try
            {
                foreach (ModelDeployment d in JsonSerializer.Deserialize<ModelDeployment[]>(File.ReadAllText(_path), Json) ?? [])
                {
                    _byDevice[d.Device] = d;
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"{_path}: the deployment file is not valid JSON ({ex.Message}); fix or remove it.", ex);
            }
        }
    }

    /// <summary>Every device's current model, by device.</summary>
    public IReadOnlyList<ModelDeployment> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _byDevice.Values.OrderBy(d => d.Device, StringComparer.Ordinal)];
            }
        }
    }

    /// <inheritdoc />
    public void OnBatch(IReadOnlyList<WirePayload> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        bool changed = false;
        lock (_lock)
        {
            foreach (WirePayload p in batch)
            {
                switch (p)
                {
                    case StatusPayload { State: DeviceState.Online, ModelVersion: { } mv } s:
                        changed |= Observe(s.Device, mv, s.BirthTs, s.Ts, s.AgentVersion);
                        break;
                    case HealthPayload { ModelVersion: { } mv } h:
                        changed |= Observe(h.Device, mv, h.Ts - TimeSpan.FromSeconds(h.UptimeS), h.Ts, h.AgentVersion);
                        break;
                }
            }

            if (changed)
            {
                try
                {
                    AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(_byDevice.Values.OrderBy(d => d.Device, StringComparer.Ordinal).ToArray(), Json));
                }
                catch (IOException e)
                {
                    LogPersistFailed(_logger, _path, e);
                }
            }
        }
    }

    /// <summary>Seeds a device from the store's latest status (at start-up), unless it is known already.</summary>
    public void Seed(string device, string modelVersion, DateTimeOffset ts, string? agentVersion)
    {
        lock (_lock)
        {
            if (!_byDevice.ContainsKey(device))
            {
                _byDevice[device] = new ModelDeployment(device, _sites.SiteOf(device), modelVersion, ts, ts, agentVersion);
            }
        }
    }

    // Returns true when the persisted part (model or since) changed; last-seen alone is kept in memory.
    private bool Observe(string device, string modelVersion, DateTimeOffset birth, DateTimeOffset ts, string agentVersion)
    {
        if (_byDevice.TryGetValue(device, out ModelDeployment? known) && ts < known.LastSeen && known.ModelVersion != modelVersion)
        {
            return false; // an old message (outbox catching up) does not undo a newer model
        }

        if (known is { } d && d.ModelVersion == modelVersion)
        {
            if (ts > d.LastSeen)
            {
                _byDevice[device] = d with { LastSeen = ts, AgentVersion = agentVersion, Since = birth < d.Since ? birth : d.Since };
                return birth < d.Since;
            }

            return false;
        }

        _byDevice[device] = new ModelDeployment(device, _sites.SiteOf(device), modelVersion, birth, ts, agentVersion);
        return true;
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Error, Message = "Could not write the deployment file {Path}")]
    private static partial void LogPersistFailed(ILogger logger, string path, Exception e);
}
