using System.Runtime.CompilerServices;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Storage.Rows;

/// <summary>Flattens wire payloads into the rows both stores write; the one place that maps the contract onto the schema.</summary>
internal static class PayloadFlattener
{
    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StoreBatch Flatten(IReadOnlyList<WirePayload> messages, IReadOnlyDictionary<string, string> sites)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new StoreBatch();
        var seen = new HashSet<(string, long)>();
        for (int i = 0; i < messages.Count; i++)
        {
            WirePayload p = messages[i] ?? throw new ArgumentException($"Message {i} of the batch is null.", nameof(messages));
            if (p is StatusPayload status)
            {
                // Status is retained latest-state, not a measurement: it stays out of the (device, seq) ledger (wire
                // contract), so an "offline" last will that repeats the birth message's seq is still stored.
                string statusDetail = status.ModelVersion is null ? $"agent {status.AgentVersion}" : $"agent {status.AgentVersion}; model {status.ModelVersion}";
                batch.Status.Add(new StatusRow(p.Seq, p.Device, p.Ts.UtcDateTime, status.State == DeviceState.Online ? "online" : "offline", statusDetail));
                continue;
            }

            if (!seen.Add((p.Device, p.Seq)))
            {
                batch.RepeatsInBatch++;
                continue;
            }

            DateTime ts = p.Ts.UtcDateTime;
            batch.Messages.Add(new MessageRow(p.Device, p.Seq, KindName(p.Kind), ts, p.IntervalS));
            DateTime start = ts.AddSeconds(-p.IntervalS);
            string site = sites.SiteOf(p.Device);
            switch (p)
            {
                case TrafficSummaryPayload t:
                    AddTraffic(batch, t, site, start);
                    break;
                case AirSummaryPayload a:
                    foreach (AirQuantityEntry q in a.Quantities)
                    {
                        // A quantity without a mean had no valid samples: nothing is written, so its bin stays null.
                        if (q.Mean is { } mean && double.IsFinite(mean))
                        {
                            batch.Air.Add(new AirRow(p.Seq, p.Device, site, q.Sensor, start, q.Quantity, q.Unit, mean));
                        }
                    }

                    break;
                default:
                    // Events and command results are recorded in the seq ledger only (gap audit, dedupe).
                    break;
            }

            DashboardRowFlattener.Add(batch, p, site, start);
        }

        return batch;
    }

    private static void AddTraffic(StoreBatch batch, TrafficSummaryPayload t, string site, DateTime start)
    {
        bool hasData = t.Status != TrafficIntervalStatus.NoData;
        batch.Coverage.Add(new CoverageRow(t.Seq, t.Device, site, t.Camera, start, t.IntervalS, StatusName(t.Status), hasData));
        if (!hasData)
        {
            return;
        }

        if (t.Lines is { } lines)
        {
            foreach (LineCountEntry l in lines)
            {
                if (l.Count != 0)
                {
                    batch.Traffic.Add(new TrafficRow(t.Seq, t.Device, site, t.Camera, start, TrafficCountKind.Line, l.Line,
                        l.Direction == LineDirection.In ? "in" : "out", l.Class, l.Count));
                }
            }
        }

        if (t.Movements is { } movements)
        {
            foreach (MovementCountEntry m in movements)
            {
                if (m.Count != 0)
                {
                    batch.Traffic.Add(new TrafficRow(t.Seq, t.Device, site, t.Camera, start, TrafficCountKind.Movement, MovementName(m.From, m.To),
                        TurnName(m.Kind), m.Class, m.Count));
                }
            }
        }
    }

    /// <summary>The line tag of a movement: "from>to" (zone names).</summary>
    public static string MovementName(string from, string to) => from + ">" + to;

    private static string TurnName(TurnKind kind) => kind switch
    {
        TurnKind.Left => "left",
        TurnKind.Right => "right",
        TurnKind.UTurn => "u_turn",
        _ => "through",
    };

    private static string StatusName(TrafficIntervalStatus status) => status switch
    {
        TrafficIntervalStatus.Complete => "complete",
        TrafficIntervalStatus.Partial => "partial",
        _ => "no_data",
    };

    private static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Status => "status",
        MessageKind.Traffic => "traffic",
        MessageKind.Air => "air",
        MessageKind.Health => "health",
        MessageKind.Events => "events",
        MessageKind.Command => "cmd",
        _ => "cmd-result",
    };
}
