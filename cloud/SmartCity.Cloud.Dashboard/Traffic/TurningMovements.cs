using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>
/// Turning-movement count tables from 15-minute movement counts (grouped by device, movement "from>to" and turn):
/// the peak hour is the busiest four consecutive 15-minute bins that all have data; PHF = V / (4 × V15max) (HCM).
/// </summary>
public static class TurningMovements
{
    /// <summary>One table per device that has movement counts.</summary>
    public static IReadOnlyList<TurningMovementTable> Tables(TrafficAggregate movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        var tables = new List<TurningMovementTable>();
        foreach (var device in movements.Groups.GroupBy(g => g.Device ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int n = movements.BinCount;
            var total = new long?[n];
            foreach (TrafficGroup g in device)
            {
                for (int b = 0; b < n; b++)
                {
                    if (g.Counts[b] is { } c)
                    {
                        total[b] = (total[b] ?? 0) + c;
                    }
                }
            }

            int peak = -1;
            long peakVolume = -1;
            for (int b = 0; b + 4 <= n; b++)
            {
                if (total[b] is { } a && total[b + 1] is { } c && total[b + 2] is { } d && total[b + 3] is { } e && a + c + d + e > peakVolume)
                {
                    peakVolume = a + c + d + e;
                    peak = b;
                }
            }

            double? phf = null;
            if (peak >= 0)
            {
                long max15 = Math.Max(Math.Max(total[peak]!.Value, total[peak + 1]!.Value), Math.Max(total[peak + 2]!.Value, total[peak + 3]!.Value));
                phf = max15 > 0 ? Math.Round(peakVolume / (4.0 * max15), 3) : null;
            }

            var approaches = new List<ApproachRow>();
            foreach (var approach in device.GroupBy(g => Approach(g.Line)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                long left = 0, through = 0, right = 0, uTurn = 0, rangeTotal = 0;
                var per15 = new long[4];
                foreach (TrafficGroup g in approach)
                {
                    for (int b = 0; b < n; b++)
                    {
                        rangeTotal += g.Counts[b] ?? 0;
                    }

                    if (peak < 0)
                    {
                        continue;
                    }

                    long inPeak = 0;
                    for (int k = 0; k < 4; k++)
                    {
                        long v = g.Counts[peak + k] ?? 0;
                        per15[k] += v;
                        inPeak += v;
                    }

                    switch (g.Direction)
                    {
                        case "left": left += inPeak; break;
                        case "right": right += inPeak; break;
                        case "u_turn": uTurn += inPeak; break;
                        default: through += inPeak; break;
                    }
                }

                long approachTotal = left + through + right + uTurn;
                long approachMax = per15.Max();
                approaches.Add(new ApproachRow(approach.Key, left, through, right, uTurn, approachTotal,
                    approachMax > 0 ? Math.Round(approachTotal / (4.0 * approachMax), 3) : null, rangeTotal));
            }

            tables.Add(new TurningMovementTable(device.Key, peak >= 0 ? movements.BinStart(peak) : null, Math.Max(peakVolume, 0), phf, approaches));
        }

        return tables;
    }

    private static string Approach(string? movement)
    {
        if (movement is null)
        {
            return "";
        }

        int arrow = movement.IndexOf('>', StringComparison.Ordinal);
        return arrow < 0 ? movement : movement[..arrow];
    }
}
