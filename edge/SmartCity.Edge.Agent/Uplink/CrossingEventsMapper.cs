using SmartCity.Contracts;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Uplink;

/// <summary>Turns the analytics' per-object crossings into <see cref="CrossingEventsPayload"/> batches (opt-in only).</summary>
public static class CrossingEventsMapper
{
    /// <summary>Crossings per message: about 130 bytes each, so a batch stays far below the 256 KiB wire limit.</summary>
    public const int MaxCrossingsPerMessage = 1000;

    /// <summary>Maps crossings (in time order) seen between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static CrossingEventsPayload Map(ReadOnlySpan<CrossingEvent> crossings, string camera, DateTimeOffset start, DateTimeOffset end, string deviceId, long seq)
    {
        var entries = new CrossingEntry[crossings.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            ref readonly var c = ref crossings[i];
            entries[i] = new CrossingEntry
            {
                At = c.Timestamp.ToUniversalTime(),
                TrackId = c.TrackId,
                Line = c.Line,
                Direction = c.Direction == CrossingDirection.In ? LineDirection.In : LineDirection.Out,
                Class = c.Class.ToName(),
                SpeedKmh = float.IsFinite(c.SpeedKmh) && c.SpeedKmh >= 0 ? Math.Round(c.SpeedKmh, 1) : null,
            };
        }

        return new CrossingEventsPayload
        {
            Device = deviceId,
            Seq = seq,
            Ts = end.ToUniversalTime(),
            IntervalS = TrafficPayloadMapper.IntervalSeconds(start, end),
            Camera = camera,
            Crossings = entries,
        };
    }
}
