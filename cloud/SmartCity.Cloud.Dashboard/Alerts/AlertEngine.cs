using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Live;
using SmartCity.Cloud.Storage;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>
/// Evaluates the alert rules on every stored batch (through the live feed) and, for offline rules, on a clock. Keeps
/// per rule × device × subject when the condition started to hold; fires once it held for the rule's duration and
/// resolves at the first value that no longer meets it. Active and past alerts are kept in <c>alerts/alerts.json</c>
/// and pushed to open browsers as live event <c>alert</c>.
/// </summary>
public sealed partial class AlertEngine : IDashboardBatchObserver
{
    /// <summary>The live event name browsers subscribe to.</summary>
    public const string LiveEventName = "alert";

    private readonly Lock _lock = new();
    private readonly AlertRuleStore _rules;
    private readonly DashboardLiveFeed _feed;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertEngine> _logger;
    private readonly Dictionary<string, string> _sites;
    private readonly int _maxHistory;
    private readonly string _path;
    private readonly MetricExtractor _extractor = new();
    private readonly List<MetricObservation> _scratch = [];
    private readonly Dictionary<(string Rule, string Device, string Subject), ConditionState> _states = [];
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _offlineSince = new(StringComparer.Ordinal);
    private readonly List<AlertRecord> _history = [];

    /// <summary>Created by DI.</summary>
    public AlertEngine(AlertRuleStore rules, DashboardOptions options, DashboardLiveFeed feed, TimeProvider clock, ILogger<AlertEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        _rules = rules;
        _feed = feed;
        _clock = clock;
        _logger = logger;
        _maxHistory = options.Alerts.MaxHistory;
        _sites = options.Devices.ToDictionary(d => d.Id, d => d.Site, StringComparer.Ordinal);
        _path = Path.Combine(options.DataDirectory, "alerts", "alerts.json");
        Load();
        _rules.Changed += OnRulesChanged;
    }

    /// <summary>Alerts firing now, newest first.</summary>
    public IReadOnlyList<AlertRecord> Active
    {
        get
        {
            lock (_lock)
            {
                return [.. _states.Values.Where(s => s.Alert is not null).Select(s => s.Alert!).OrderByDescending(a => a.Fired)];
            }
        }
    }

    /// <summary>Resolved alerts, newest first.</summary>
    public IReadOnlyList<AlertRecord> History
    {
        get
        {
            lock (_lock)
            {
                return [.. Enumerable.Reverse(_history)];
            }
        }
    }

    /// <inheritdoc />
    public void OnBatch(IReadOnlyList<WirePayload> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var events = new List<AlertEvent>();
        lock (_lock)
        {
            IReadOnlyList<AlertRule> rules = _rules.All;
            _scratch.Clear();
            foreach (WirePayload p in batch)
            {
                if (p is null)
                {
                    continue;
                }

                Seen(p);
                _extractor.Extract(p, _scratch);
            }

            foreach (MetricObservation o in _scratch)
            {
                foreach (AlertRule r in rules)
                {
                    if (r.Enabled && r.Metric == o.Metric && InScope(r, o.Device))
                    {
                        Evaluate(r, o, events);
                    }
                }
            }

            DateTimeOffset now = _clock.GetUtcNow();
            foreach (WirePayload p in batch)
            {
                if (p is not null)
                {
                    EvaluateOffline(p.Device, now, rules, events);
                }
            }

            Persist(events);
        }

        Publish(events);
    }

    /// <summary>Evaluates the offline rules at <paramref name="now"/> (called by the clock, and by tests).</summary>
    public void CheckOffline(DateTimeOffset now)
    {
        var events = new List<AlertEvent>();
        lock (_lock)
        {
            IReadOnlyList<AlertRule> rules = _rules.All;
            foreach (string device in _lastSeen.Keys.ToArray())
            {
                EvaluateOffline(device, now, rules, events);
            }

            Persist(events);
        }

        Publish(events);
    }

    /// <summary>Seeds when each device was last heard of (from the store at start-up) without evaluating anything.</summary>
    public void SeedLastSeen(string device, DateTimeOffset ts, bool offline)
    {
        lock (_lock)
        {
            if (!_lastSeen.TryGetValue(device, out DateTimeOffset seen) || ts > seen)
            {
                _lastSeen[device] = ts;
                if (offline)
                {
                    _offlineSince[device] = ts;
                }
            }
        }
    }

    private void Seen(WirePayload p)
    {
        if (!_lastSeen.TryGetValue(p.Device, out DateTimeOffset seen) || p.Ts >= seen)
        {
            _lastSeen[p.Device] = p.Ts;
            if (p is StatusPayload { State: DeviceState.Offline })
            {
                _offlineSince[p.Device] = p.Ts;
            }
            else
            {
                _offlineSince.Remove(p.Device);
            }
        }
    }

    private void EvaluateOffline(string device, DateTimeOffset now, IReadOnlyList<AlertRule> rules, List<AlertEvent> events)
    {
        if (!_lastSeen.TryGetValue(device, out DateTimeOffset seen))
        {
            return;
        }

        DateTimeOffset since = _offlineSince.TryGetValue(device, out DateTimeOffset off) ? off : seen;
        double minutes = Math.Max(0, (now - since).TotalMinutes);
        var o = new MetricObservation(device, AlertMetrics.OfflineMinutes, "", Math.Round(minutes, 1), since, now);
        foreach (AlertRule r in rules)
        {
            if (r.Enabled && r.Metric == AlertMetrics.OfflineMinutes && InScope(r, device))
            {
                Evaluate(r, o, events);
            }
        }
    }

    private bool InScope(AlertRule rule, string device) =>
        (rule.Device is null || string.Equals(rule.Device, device, StringComparison.Ordinal))
        && (rule.Site is null || string.Equals(rule.Site, _sites.SiteOf(device), StringComparison.Ordinal));

    private void Evaluate(AlertRule rule, MetricObservation o, List<AlertEvent> events)
    {
        var key = (rule.Id, o.Device, o.Subject);
        if (!_states.TryGetValue(key, out ConditionState? state))
        {
            state = new ConditionState();
            _states[key] = state;
        }

        // Data arriving late (an outbox catching up) must not move the state backwards.
        if (o.End < state.LastEnd)
        {
            return;
        }

        state.LastEnd = o.End;
        bool holds = rule.Comparison.Holds(o.Value, rule.Threshold);
        if (holds)
        {
            state.Since ??= o.Start;
            if (state.Alert is { } a)
            {
                bool upward = rule.Comparison is AlertComparison.Above or AlertComparison.AtOrAbove;
                state.Alert = a with { Value = o.Value, Peak = upward ? Math.Max(a.Peak, o.Value) : Math.Min(a.Peak, o.Value) };
            }
            else if (o.End - state.Since.Value >= rule.Duration)
            {
                var fired = new AlertRecord(
                    Guid.NewGuid().ToString("N")[..12], rule.Id, rule.Name, rule.Metric, ConditionText(rule), o.Device, _sites.SiteOf(o.Device), o.Subject,
                    o.Value, o.Value, state.Since.Value, o.End, null);
                state.Alert = fired;
                events.Add(new AlertEvent("fired", fired));
                LogFired(_logger, rule.Name, o.Device, o.Subject, o.Value);
            }
        }
        else
        {
            state.Since = null;
            if (state.Alert is { } a)
            {
                var resolved = a with { Resolved = o.End };
                state.Alert = null;
                AddHistory(resolved);
                events.Add(new AlertEvent("resolved", resolved));
            }
        }
    }

    /// <summary>"&gt; 150 AQI for 60 min".</summary>
    public static string ConditionText(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        string unit = AlertMetrics.Find(rule.Metric)?.Unit ?? "";
        string text = $"{rule.Comparison.Symbol()} {rule.Threshold.ToString("0.###", CultureInfo.InvariantCulture)} {unit}";
        return rule.Duration > TimeSpan.Zero ? $"{text} for {rule.Duration.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min" : text;
    }

    private void AddHistory(AlertRecord resolved)
    {
        _history.Add(resolved);
        if (_history.Count > _maxHistory)
        {
            _history.RemoveRange(0, _history.Count - _maxHistory);
        }
    }

    private void OnRulesChanged()
    {
        var events = new List<AlertEvent>();
        lock (_lock)
        {
            var ids = new HashSet<string>(_rules.All.Select(r => r.Id), StringComparer.Ordinal);
            DateTimeOffset now = _clock.GetUtcNow();
            foreach (var (key, state) in _states.ToArray())
            {
                if (ids.Contains(key.Rule))
                {
                    continue;
                }

                if (state.Alert is { } a)
                {
                    var resolved = a with { Resolved = now };
                    AddHistory(resolved);
                    events.Add(new AlertEvent("resolved", resolved));
                }

                _states.Remove(key);
            }

            Persist(events);
        }

        Publish(events);
    }

    private void Persist(List<AlertEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var file = new AlertFile(
            [.. _states.Values.Where(s => s.Alert is not null).Select(s => s.Alert!)],
            [.. _history]);
        try
        {
            AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(file, AlertRuleStore.Json));
        }
        catch (IOException e)
        {
            // The alerts stay in memory and on the page; the next change tries again.
            LogPersistFailed(_logger, _path, e);
        }
    }

    private void Publish(List<AlertEvent> events)
    {
        foreach (AlertEvent e in events)
        {
            _feed.PublishEvent(LiveEventName, e);
        }
    }

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        AlertFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AlertFile>(File.ReadAllText(_path), AlertRuleStore.Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{_path}: the alert file is not valid JSON ({ex.Message}); fix or remove it.", ex);
        }

        if (file is null)
        {
            return;
        }

        _history.AddRange(file.History);
        foreach (AlertRecord a in file.Active)
        {
            _states[(a.RuleId, a.Device, a.Subject)] = new ConditionState { Since = a.Since, Alert = a, LastEnd = a.Fired };
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Alert '{Rule}' fired for {Device} {Subject}: {Value}")]
    private static partial void LogFired(ILogger logger, string rule, string device, string subject, double value);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Could not write the alert file {Path}")]
    private static partial void LogPersistFailed(ILogger logger, string path, Exception e);

    private sealed class ConditionState
    {
        public DateTimeOffset? Since { get; set; }

        public AlertRecord? Alert { get; set; }

        public DateTimeOffset LastEnd { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>What a browser receives on the <c>alert</c> live event.</summary>
    /// <param name="Change">"fired" or "resolved".</param>
    /// <param name="Alert">The alert.</param>
    public sealed record AlertEvent(string Change, AlertRecord Alert);

    private sealed record AlertFile(AlertRecord[] Active, AlertRecord[] History);
}
