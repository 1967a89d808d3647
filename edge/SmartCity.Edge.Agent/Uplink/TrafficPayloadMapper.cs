using SmartCity.Contracts;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>
/// Turns one camera's <see cref="IntervalSummary"/> into the wire's <see cref="TrafficSummaryPayload"/>. "No data"
/// stays absent (every measure null), never zero; a complete interval carries no reason, a partial or no-data one
/// always does.
/// </summary>
public static class TrafficPayloadMapper
{
    /// <summary>Maps <paramref name="summary"/> for <paramref name="deviceId"/> with sequence number <paramref name="seq"/>.</summary>
    public static TrafficSummaryPayload Map(IntervalSummary summary, string deviceId, long seq)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var status = summary.Status switch
        {
            IntervalStatus.Complete => TrafficIntervalStatus.Complete,
            IntervalStatus.Partial => TrafficIntervalStatus.Partial,
            _ => TrafficIntervalStatus.NoData,
        };
        string? reason = status switch
        {
            TrafficIntervalStatus.Complete => null,
            TrafficIntervalStatus.Partial => string.IsNullOrWhiteSpace(summary.Reason) ? "partial interval" : summary.Reason,
            _ => string.IsNullOrWhiteSpace(summary.Reason) ? "no frames in the interval" : summary.Reason,
        };
        var payload = new TrafficSummaryPayload
        {
            Device = deviceId,
            Seq = seq,
            Ts = summary.End.ToUniversalTime(),
            IntervalS = IntervalSeconds(summary.Start, summary.End),
            Camera = summary.Camera,
            Status = status,
            Reason = reason,
            FramesSeen = summary.FramesSeen,
            FramesDetected = summary.FramesDetected,
            FramesDropped = summary.FramesDropped,
        };
        if (status == TrafficIntervalStatus.NoData)
        {
            // Absent, not zero: a dead camera must never read as an empty street.
            return payload;
        }

        return payload with
        {
            Lines = MapLines(summary.Lines),
            Movements = MapMovements(summary.Movements),
            UnlistedMovements = summary.UnlistedMovements ?? 0,
            IncompleteMovements = summary.IncompleteMovements ?? 0,
            Zones = MapZones(summary.Zones),
            Speeds = MapSpeeds(summary.Speeds),
            Queues = MapQueues(summary.Queues),
            DetectorEvents = summary.DetectorEvents ?? 0,
        };
    }

    /// <summary>Whole seconds between <paramref name="start"/> and <paramref name="end"/>, at least 1.</summary>
    public static int IntervalSeconds(DateTimeOffset start, DateTimeOffset end) =>
        (int)Math.Clamp(Math.Round((end - start).TotalSeconds), 1, WireValidator.MaxIntervalSeconds);

    private static LineCountEntry[] MapLines(IReadOnlyList<LineCount>? lines)
    {
        if (lines is null)
        {
            return [];
        }

        var result = new LineCountEntry[lines.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var l = lines[i];
            result[i] = new LineCountEntry
            {
                Line = l.Line,
                Direction = l.Direction == CrossingDirection.In ? LineDirection.In : LineDirection.Out,
                Class = l.Class.ToName(),
                Count = l.Count,
            };
        }

        return result;
    }

    private static MovementCountEntry[] MapMovements(IReadOnlyList<MovementCount>? movements)
    {
        if (movements is null)
        {
            return [];
        }

        var result = new MovementCountEntry[movements.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var m = movements[i];
            result[i] = new MovementCountEntry
            {
                From = m.From,
                To = m.To,
                Kind = m.Kind switch
                {
                    MovementKind.Left => TurnKind.Left,
                    MovementKind.Right => TurnKind.Right,
                    MovementKind.UTurn => TurnKind.UTurn,
                    _ => TurnKind.Through,
                },
                Class = m.Class.ToName(),
                Count = m.Count,
            };
        }

        return result;
    }

    private static ZoneEntry[] MapZones(IReadOnlyList<ZoneSummary>? zones)
    {
        if (zones is null)
        {
            return [];
        }

        var result = new ZoneEntry[zones.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var z = zones[i];
            result[i] = new ZoneEntry
            {
                Zone = z.Zone,
                MeanOccupancy = NonNegative(z.MeanOccupancy),
                MaxOccupancy = z.MaxOccupancy,
                Entries = z.Entries,
                Exits = z.Exits,
                DwellSamples = z.DwellSamples,
                MeanDwellS = Finite(z.MeanDwellSeconds),
                MaxDwellS = Finite(z.MaxDwellSeconds),
            };
        }

        return result;
    }

    private static SpeedEntry[] MapSpeeds(IReadOnlyList<SpeedSummary>? speeds)
    {
        if (speeds is null)
        {
            return [];
        }

        var result = new SpeedEntry[speeds.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var s = speeds[i];
            result[i] = new SpeedEntry
            {
                Name = s.Name,
                Site = s.Site == SpeedSite.Line ? SpeedSiteKind.Line : SpeedSiteKind.Approach,
                Samples = s.Samples,
                MeanKmh = Finite(s.MeanKmh),
                P85Kmh = Finite(s.P85Kmh),
            };
        }

        return result;
    }

    private static QueueEntry[] MapQueues(IReadOnlyList<QueueSummary>? queues)
    {
        if (queues is null)
        {
            return [];
        }

        var result = new QueueEntry[queues.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var q = queues[i];
            result[i] = new QueueEntry
            {
                Approach = q.Approach,
                MaxVehicles = q.MaxVehicles,
                MaxM = NonNegative(q.MaxMetres),
                MeanM = NonNegative(q.MeanMetres),
            };
        }

        return result;
    }

    // The analytics never produce NaN on purpose; if one slips through it travels as "unknown", not as a number.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) && v >= 0 ? v : null;

    private static double NonNegative(double value) => double.IsFinite(value) && value > 0 ? value : 0;
}
