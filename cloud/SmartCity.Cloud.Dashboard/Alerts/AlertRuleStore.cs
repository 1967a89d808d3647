using System.Text.Json;
using System.Text.Json.Serialization;
using SmartCity.Cloud.Dashboard.Auth;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>The alert rules, persisted in <c>alerts/rules.json</c> under the data folder (rewritten atomically on each change).</summary>
public sealed class AlertRuleStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Lock _lock = new();
    private readonly string _path;
    private AlertRule[] _rules;

    /// <summary>Loads the rules under <paramref name="dataDirectory"/>.</summary>
    public AlertRuleStore(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "alerts", "rules.json");
        _rules = [];
        if (File.Exists(_path))
        {
            try
            {
                _rules = JsonSerializer.Deserialize<AlertRule[]>(File.ReadAllText(_path), Json) ?? [];
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"{_path}: the alert rule file is not valid JSON ({ex.Message}); fix or remove it.", ex);
            }
        }
    }

    /// <summary>Raised after a change (the engine drops the state of removed rules).</summary>
    public event Action? Changed;

    /// <summary>The rules now (a snapshot; safe to enumerate while others change the store).</summary>
    public IReadOnlyList<AlertRule> All => Volatile.Read(ref _rules);

    /// <summary>The rule, or null.</summary>
    public AlertRule? Find(string id) => Array.Find(Volatile.Read(ref _rules), r => r.Id == id);

    /// <summary>Adds a rule.</summary>
    public void Add(AlertRule rule)
    {
        lock (_lock)
        {
            Save([.. _rules, rule]);
        }

        Changed?.Invoke();
    }

    /// <summary>Removes a rule; returns it, or null when there was none.</summary>
    public AlertRule? Remove(string id)
    {
        AlertRule? removed;
        lock (_lock)
        {
            removed = Array.Find(_rules, r => r.Id == id);
            if (removed is null)
            {
                return null;
            }

            Save([.. _rules.Where(r => r.Id != id)]);
        }

        Changed?.Invoke();
        return removed;
    }

    private void Save(AlertRule[] next)
    {
        AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(next, Json));
        Volatile.Write(ref _rules, next);
    }
}
