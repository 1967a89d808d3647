using System.Diagnostics.CodeAnalysis;

namespace SmartCity.Contracts;

/// <summary>
/// Checks a parsed payload against contract v1 beyond what JSON binding catches: schema version, device id format,
/// topic device = payload device, <c>seq</c> ≥ 0, a plausible UTC <c>ts</c>, <c>interval_s</c> in range, non-negative
/// and finite measures, null (never 0) measures in a no-data interval. The first failure wins and its reason names the
/// field (<c>lines[2].count</c>). A valid payload costs no allocation.
/// </summary>
public static class WireValidator
{
    /// <summary>Longest <c>interval_s</c>: one day.</summary>
    public const int MaxIntervalSeconds = 86_400;

    /// <summary>Longest name (camera, line, zone, sensor, version, request id).</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest free text (reason, command message, argument value).</summary>
    public const int MaxTextLength = 1024;

    private const int MaxTokenLength = 64;
    private const int MinYear = 2000;
    private const int MaxYear = 2100;

    /// <summary>Validates <paramref name="payload"/> received on a topic of <paramref name="topicDevice"/>.</summary>
    /// <param name="topicDevice">The device level of the topic the message came on.</param>
    /// <param name="payload">The parsed payload.</param>
    /// <param name="topicCommandName">For commands, the topic's command name, which must equal the payload's.</param>
    public static WireValidationResult Validate(string topicDevice, WirePayload payload, string? topicCommandName = null)
    {
        string? reason = Check(topicDevice, payload, topicCommandName);
        return reason is null ? WireValidationResult.Valid : WireValidationResult.Invalid(reason);
    }

    /// <summary>As <see cref="Validate"/>, in Try form.</summary>
    public static bool TryValidate(string topicDevice, WirePayload payload, [NotNullWhen(false)] out string? reason, string? topicCommandName = null)
    {
        reason = Check(topicDevice, payload, topicCommandName);
        return reason is null;
    }

    private static string? Check(string topicDevice, WirePayload? payload, string? topicCommandName)
    {
        if (payload is null)
        {
            return "payload is null";
        }

        if (!WireSchema.IsSupported(payload.Schema))
        {
            return $"schema version {payload.Schema} is not supported (this reader supports {WireSchema.Version})";
        }

        if (!DeviceIds.IsValid(payload.Device))
        {
            return $"device '{payload.Device}' is not a valid device id (3-64 of a-z, 0-9, '-', letter or digit at both ends)";
        }

        if (!string.Equals(topicDevice, payload.Device, StringComparison.Ordinal))
        {
            return $"topic device '{topicDevice}' does not match payload device '{payload.Device}'";
        }

        if (payload.Seq < 0)
        {
            return $"seq {payload.Seq} is negative";
        }

        string? reason = CheckTime(payload.Ts, "ts");
        if (reason is not null)
        {
            return reason;
        }

        bool instant = payload.Kind is MessageKind.Status or MessageKind.Command or MessageKind.CommandResult;
        if (instant && payload.IntervalS != 0)
        {
            return $"interval_s {payload.IntervalS} must be 0 for an instant {Topics.Segment(payload.Kind)} message";
        }

        if (!instant && payload.IntervalS is < 1 or > MaxIntervalSeconds)
        {
            return $"interval_s {payload.IntervalS} is outside 1..{MaxIntervalSeconds}";
        }

        return payload switch
        {
            TrafficSummaryPayload traffic => CheckTraffic(traffic),
            AirSummaryPayload air => CheckAir(air),
            HealthPayload health => CheckHealth(health),
            StatusPayload status => CheckStatus(status),
            CrossingEventsPayload events => CheckEvents(events),
            CommandPayload command => CheckCommand(command, topicCommandName),
            CommandResultPayload result => CheckCommandResult(result),
            _ => $"{payload.GetType().Name} is not a payload type of contract v1",
        };
    }

    private static string? CheckTraffic(TrafficSummaryPayload p)
    {
        string? reason = CheckName(p.Camera, "camera")
            ?? CheckDefined(p.Status, "status")
            ?? CheckCount(p.FramesSeen, "frames_seen")
            ?? CheckCount(p.FramesDetected, "frames_detected")
            ?? CheckCount(p.FramesDropped, "frames_dropped");
        if (reason is not null)
        {
            return reason;
        }

        if (p.Status == TrafficIntervalStatus.Complete)
        {
            reason = p.Reason is null ? null : "reason must be absent when status is complete";
        }
        else
        {
            reason = string.IsNullOrWhiteSpace(p.Reason)
                ? $"status {(p.Status == TrafficIntervalStatus.Partial ? "partial" : "no_data")} needs a reason"
                : CheckText(p.Reason, "reason");
        }

        if (reason is not null)
        {
            return reason;
        }

        if (p.Status == TrafficIntervalStatus.NoData)
        {
            // Absent is not zero: a consumer must never average a dead camera's interval in as "no traffic".
            return MustBeNull(p.Lines, "lines")
                ?? MustBeNull(p.Movements, "movements")
                ?? MustBeNull(p.UnlistedMovements, "unlisted_movements")
                ?? MustBeNull(p.IncompleteMovements, "incomplete_movements")
                ?? MustBeNull(p.Zones, "zones")
                ?? MustBeNull(p.Speeds, "speeds")
                ?? MustBeNull(p.Queues, "queues")
                ?? MustBeNull(p.DetectorEvents, "detector_events");
        }

        return CheckOptionalCount(p.UnlistedMovements, "unlisted_movements")
            ?? CheckOptionalCount(p.IncompleteMovements, "incomplete_movements")
            ?? CheckOptionalCount(p.DetectorEvents, "detector_events")
            ?? CheckLines(p.Lines)
            ?? CheckMovements(p.Movements)
            ?? CheckZones(p.Zones)
            ?? CheckSpeeds(p.Speeds)
            ?? CheckQueues(p.Queues);
    }

    private static string? CheckLines(IReadOnlyList<LineCountEntry>? lines)
    {
        if (lines is null)
        {
            return null;
        }

        for (int i = 0; i < lines.Count; i++)
        {
            LineCountEntry? e = lines[i];
            string? reason = e is null
                ? $"lines[{i}] is null"
                : CheckName(e.Line, "lines", i, "line")
                    ?? CheckDefined(e.Direction, "lines", i, "direction")
                    ?? CheckToken(e.Class, "lines", i, "class")
                    ?? CheckCount(e.Count, "lines", i, "count");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckMovements(IReadOnlyList<MovementCountEntry>? movements)
    {
        if (movements is null)
        {
            return null;
        }

        for (int i = 0; i < movements.Count; i++)
        {
            MovementCountEntry? e = movements[i];
            string? reason = e is null
                ? $"movements[{i}] is null"
                : CheckName(e.From, "movements", i, "from")
                    ?? CheckName(e.To, "movements", i, "to")
                    ?? CheckDefined(e.Kind, "movements", i, "kind")
                    ?? CheckToken(e.Class, "movements", i, "class")
                    ?? CheckCount(e.Count, "movements", i, "count");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckZones(IReadOnlyList<ZoneEntry>? zones)
    {
        if (zones is null)
        {
            return null;
        }

        for (int i = 0; i < zones.Count; i++)
        {
            ZoneEntry? e = zones[i];
            string? reason = e is null
                ? $"zones[{i}] is null"
                : CheckName(e.Zone, "zones", i, "zone")
                    ?? CheckMeasure(e.MeanOccupancy, "zones", i, "mean_occupancy")
                    ?? CheckCount(e.MaxOccupancy, "zones", i, "max_occupancy")
                    ?? CheckCount(e.Entries, "zones", i, "entries")
                    ?? CheckCount(e.Exits, "zones", i, "exits")
                    ?? CheckCount(e.DwellSamples, "zones", i, "dwell_samples")
                    ?? CheckOptionalMeasure(e.MeanDwellS, "zones", i, "mean_dwell_s")
                    ?? CheckOptionalMeasure(e.MaxDwellS, "zones", i, "max_dwell_s");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckSpeeds(IReadOnlyList<SpeedEntry>? speeds)
    {
        if (speeds is null)
        {
            return null;
        }

        for (int i = 0; i < speeds.Count; i++)
        {
            SpeedEntry? e = speeds[i];
            string? reason = e is null
                ? $"speeds[{i}] is null"
                : CheckName(e.Name, "speeds", i, "name")
                    ?? CheckDefined(e.Site, "speeds", i, "site")
                    ?? CheckCount(e.Samples, "speeds", i, "samples")
                    ?? CheckOptionalMeasure(e.MeanKmh, "speeds", i, "mean_kmh")
                    ?? CheckOptionalMeasure(e.P85Kmh, "speeds", i, "p85_kmh");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckQueues(IReadOnlyList<QueueEntry>? queues)
    {
        if (queues is null)
        {
            return null;
        }

        for (int i = 0; i < queues.Count; i++)
        {
            QueueEntry? e = queues[i];
            string? reason = e is null
                ? $"queues[{i}] is null"
                : CheckName(e.Approach, "queues", i, "approach")
                    ?? CheckCount(e.MaxVehicles, "queues", i, "max_vehicles")
                    ?? CheckMeasure(e.MaxM, "queues", i, "max_m")
                    ?? CheckMeasure(e.MeanM, "queues", i, "mean_m");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckAir(AirSummaryPayload p)
    {
        if (p.Quantities is null)
        {
            return "quantities is missing";
        }

        for (int i = 0; i < p.Quantities.Count; i++)
        {
            string? reason = CheckAirQuantity(p.Quantities[i], i);
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckAirQuantity(AirQuantityEntry? e, int i)
    {
        const string List = "quantities";
        if (e is null)
        {
            return $"quantities[{i}] is null";
        }

        string? reason = CheckName(e.Sensor, List, i, "sensor")
            ?? CheckName(e.Model, List, i, "model")
            ?? CheckToken(e.Quantity, List, i, "quantity")
            ?? CheckName(e.Unit, List, i, "unit")
            ?? CheckCount(e.Count, List, i, "count")
            ?? CheckCount(e.Expected, List, i, "expected")
            ?? CheckCount(e.FlaggedSamples, List, i, "flagged_samples")
            ?? CheckOptionalFinite(e.Mean, List, i, "mean")
            ?? CheckOptionalFinite(e.Min, List, i, "min")
            ?? CheckOptionalFinite(e.Max, List, i, "max")
            ?? CheckOptionalMeasure(e.StdDev, List, i, "sd")
            ?? CheckOptionalFinite(e.CorrectedPm25, List, i, "corrected_pm25");
        if (reason is not null)
        {
            return reason;
        }

        if (e.Count == 0 && (e.Mean is not null || e.Min is not null || e.Max is not null))
        {
            return $"quantities[{i}]: mean, min and max must be absent when count is 0";
        }

        if (e.Min > e.Max)
        {
            return $"quantities[{i}]: min {e.Min} is above max {e.Max}";
        }

        if (e.FlaggedSamples > e.Count)
        {
            return $"quantities[{i}].flagged_samples {e.FlaggedSamples} exceeds count {e.Count}";
        }

        if (e.Flags is not null)
        {
            for (int f = 0; f < e.Flags.Count; f++)
            {
                if (!IsToken(e.Flags[f]))
                {
                    return $"quantities[{i}].flags[{f}] '{e.Flags[f]}' is not a snake_case flag name";
                }
            }
        }

        return null;
    }

    private static string? CheckHealth(HealthPayload p)
    {
        string? reason = CheckName(p.AgentVersion, "agent_version")
            ?? CheckOptionalName(p.ModelVersion, "model_version")
            ?? CheckCount(p.OutboxDepth, "outbox_depth")
            ?? CheckCount(p.OutboxDropped, "outbox_dropped")
            ?? CheckCount(p.UptimeS, "uptime_s")
            ?? CheckOptionalFinite(p.CpuTemperatureC, "cpu_temperature_c");
        if (reason is not null)
        {
            return reason;
        }

        if (p.Cameras is null)
        {
            return "cameras is missing";
        }

        for (int i = 0; i < p.Cameras.Count; i++)
        {
            CameraHealthEntry? e = p.Cameras[i];
            reason = e is null
                ? $"cameras[{i}] is null"
                : CheckName(e.Camera, "cameras", i, "camera")
                    ?? CheckMeasure(e.Fps, "cameras", i, "fps")
                    ?? CheckOptionalMeasure(e.InferenceMsMean, "cameras", i, "inference_ms_mean")
                    ?? CheckOptionalMeasure(e.InferenceMsP95, "cameras", i, "inference_ms_p95")
                    ?? CheckCount(e.FramesDropped, "cameras", i, "frames_dropped");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckStatus(StatusPayload p) =>
        CheckDefined(p.State, "state")
            ?? CheckName(p.AgentVersion, "agent_version")
            ?? CheckOptionalName(p.ModelVersion, "model_version")
            ?? CheckTime(p.BirthTs, "birth_ts");

    private static string? CheckEvents(CrossingEventsPayload p)
    {
        string? reason = CheckName(p.Camera, "camera");
        if (reason is not null)
        {
            return reason;
        }

        if (p.Crossings is null)
        {
            return "crossings is missing";
        }

        for (int i = 0; i < p.Crossings.Count; i++)
        {
            CrossingEntry? e = p.Crossings[i];
            reason = e is null
                ? $"crossings[{i}] is null"
                : CheckTime(e.At, "crossings", i, "at")
                    ?? CheckCount(e.TrackId, "crossings", i, "track_id")
                    ?? CheckName(e.Line, "crossings", i, "line")
                    ?? CheckDefined(e.Direction, "crossings", i, "direction")
                    ?? CheckToken(e.Class, "crossings", i, "class")
                    ?? CheckOptionalMeasure(e.SpeedKmh, "crossings", i, "speed_kmh");
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? CheckCommand(CommandPayload p, string? topicCommandName)
    {
        string? reason = CheckName(p.RequestId, "request_id");
        if (reason is not null)
        {
            return reason;
        }

        if (p.Name is null || !Topics.IsValidCommandName(p.Name))
        {
            return $"name '{p.Name}' is not a valid command name";
        }

        if (topicCommandName is not null && !string.Equals(topicCommandName, p.Name, StringComparison.Ordinal))
        {
            return $"topic command '{topicCommandName}' does not match payload name '{p.Name}'";
        }

        if (p.Args is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, string> arg in p.Args)
        {
            reason = CheckName(arg.Key, "args key");
            if (reason is not null)
            {
                return reason;
            }

            if (arg.Value is null)
            {
                return $"args['{arg.Key}'] is null";
            }

            if (arg.Value.Length > MaxTextLength)
            {
                return $"args['{arg.Key}'] is longer than {MaxTextLength} characters";
            }
        }

        return null;
    }

    private static string? CheckCommandResult(CommandResultPayload p)
    {
        string? reason = CheckName(p.RequestId, "request_id") ?? CheckDefined(p.Outcome, "outcome");
        if (reason is not null)
        {
            return reason;
        }

        if (p.Name is null || !Topics.IsValidCommandName(p.Name))
        {
            return $"name '{p.Name}' is not a valid command name";
        }

        return p.Message is null ? null : CheckText(p.Message, "message");
    }

    private static string? CheckTime(DateTimeOffset value, string field)
    {
        if (value.Offset != TimeSpan.Zero)
        {
            return $"{field} {value:O} is not UTC (offset must be +00:00)";
        }

        return value.Year is < MinYear or > MaxYear ? $"{field} {value:O} is outside the years {MinYear}-{MaxYear}" : null;
    }

    private static string? CheckTime(DateTimeOffset value, string list, int index, string field) =>
        value.Offset == TimeSpan.Zero && value.Year is >= MinYear and <= MaxYear ? null : CheckTime(value, $"{list}[{index}].{field}");

    private static string? CheckCount(long value, string field) => value >= 0 ? null : $"{field} {value} is negative";

    private static string? CheckCount(long value, string list, int index, string field) =>
        value >= 0 ? null : $"{list}[{index}].{field} {value} is negative";

    private static string? CheckOptionalCount(int? value, string field) => value is null or >= 0 ? null : $"{field} {value} is negative";

    private static string? CheckMeasure(double value, string list, int index, string field) =>
        double.IsFinite(value) && value >= 0 ? null : $"{list}[{index}].{field} {value} is negative or not a finite number";

    private static string? CheckOptionalMeasure(double? value, string list, int index, string field) =>
        value is null ? null : CheckMeasure(value.Value, list, index, field);

    private static string? CheckOptionalFinite(double? value, string list, int index, string field) =>
        value is null || double.IsFinite(value.Value) ? null : $"{list}[{index}].{field} {value} is not a finite number";

    private static string? CheckOptionalFinite(double? value, string field) =>
        value is null || double.IsFinite(value.Value) ? null : $"{field} {value} is not a finite number";

    private static string? CheckDefined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{field} has an undefined value {value}";

    private static string? CheckDefined<TEnum>(TEnum value, string list, int index, string field)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{list}[{index}].{field} has an undefined value {value}";

    private static string? MustBeNull(object? value, string field) =>
        value is null ? null : $"{field} must be absent (null, not 0 or empty) when status is no_data";

    private static string? CheckName(string? value, string field) =>
        IsName(value) ? null : $"{field} '{value}' must be 1-{MaxNameLength} characters without control characters";

    private static string? CheckOptionalName(string? value, string field) => value is null ? null : CheckName(value, field);

    private static string? CheckName(string? value, string list, int index, string field) =>
        IsName(value) ? null : $"{list}[{index}].{field} '{value}' must be 1-{MaxNameLength} characters without control characters";

    private static string? CheckToken(string? value, string list, int index, string field) =>
        IsToken(value) ? null : $"{list}[{index}].{field} '{value}' must be 1-{MaxTokenLength} characters of a-z, 0-9 and '_'";

    private static string? CheckText(string value, string field)
    {
        if (value.Length > MaxTextLength)
        {
            return $"{field} is longer than {MaxTextLength} characters";
        }

        foreach (char c in value)
        {
            if (char.IsControl(c) && c is not ('\n' or '\t'))
            {
                return $"{field} contains a control character";
            }
        }

        return null;
    }

    private static bool IsName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsToken(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxTokenLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
