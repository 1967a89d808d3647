using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Cloud.Storage.Rows;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>
/// The dashboard's reads and the measurements only it needs: <c>health</c> (per camera), <c>queue</c>, <c>speed</c> and
/// <c>air_flag</c>. InfluxQL 1.x cannot multiply fields inside an aggregate, so speed points also carry the products
/// (mean × samples) the sample-weighted means are summed from.
/// </summary>
public sealed partial class InfluxV1TimeSeriesStore
{
    internal static void AppendDashboardLines(LineProtocol lp, StoreBatch batch)
    {
        foreach (HealthRow h in batch.Health)
        {
            lp.Measurement("health").Tag("camera", h.Camera.Length == 0 ? "-" : h.Camera).Tag("device", h.Device).Tag("site", h.Site);
            if (h.Fps is { } fps)
            {
                lp.Field("fps", fps);
            }

            if (h.InferenceMsMean is { } mean)
            {
                lp.Field("inference_ms_mean", mean);
            }

            if (h.InferenceMsP95 is { } p95)
            {
                lp.Field("inference_ms_p95", p95);
            }

            if (h.CpuTemperatureC is { } cpu)
            {
                lp.Field("cpu_temperature_c", cpu);
            }

            lp.Field("frames_dropped", h.FramesDropped).Field("outbox_depth", h.OutboxDepth).Field("outbox_dropped", h.OutboxDropped)
                .Field("uptime_s", h.UptimeS).Field("agent_version", h.AgentVersion).Field("model_version", h.ModelVersion ?? "")
                .Field("ts", new DateTimeOffset(DateTime.SpecifyKind(h.TsUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds()).Timestamp(h.StartUtc);
        }

        foreach (QueueRow q in batch.Queues)
        {
            lp.Measurement("queue").Tag("approach", q.Approach).Tag("camera", q.Camera).Tag("device", q.Device).Tag("site", q.Site)
                .Field("max_vehicles", q.MaxVehicles).Field("max_m", q.MaxM).Field("mean_m", q.MeanM).Timestamp(q.StartUtc);
        }

        foreach (SpeedRow s in batch.Speeds)
        {
            lp.Measurement("speed").Tag("camera", s.Camera).Tag("device", s.Device).Tag("name", s.Name).Tag("site", s.Site).Tag("site_kind", s.Where)
                .Field("samples", s.Samples);
            if (s.MeanKmh is { } mean)
            {
                lp.Field("mean_kmh", mean).Field("mean_x_samples", mean * s.Samples).Field("mean_samples", s.Samples);
            }

            if (s.P85Kmh is { } p85)
            {
                lp.Field("p85_kmh", p85).Field("p85_x_samples", p85 * s.Samples).Field("p85_samples", s.Samples);
            }

            lp.Timestamp(s.StartUtc);
        }

        foreach (AirFlagRow f in batch.AirFlags)
        {
            lp.Measurement("air_flag").Tag("device", f.Device).Tag("quantity", f.Quantity).Tag("sensor", f.Sensor).Tag("site", f.Site)
                .Field("flags", f.Flags).Field("flagged_samples", f.FlaggedSamples).Timestamp(f.StartUtc);
        }
    }

    private static string DashboardRetention(string time) =>
        $"DELETE FROM \"health\" WHERE time < {time};DELETE FROM \"queue\" WHERE time < {time};DELETE FROM \"speed\" WHERE time < {time};DELETE FROM \"air_flag\" WHERE time < {time}";

    /// <inheritdoc />
    public async Task<TrafficAggregate> QueryTrafficAggregateAsync(TrafficAggregateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        TrafficDimensions g = query.GroupBy;
        bool device = (g & TrafficDimensions.Device) != 0;
        bool camera = device && (g & TrafficDimensions.Camera) != 0;
        var tags = new StringBuilder();
        if (device) tags.Append(", \"device\"");
        if (camera) tags.Append(", \"camera\"");
        if ((g & TrafficDimensions.Line) != 0) tags.Append(", \"line\"");
        if ((g & TrafficDimensions.Direction) != 0) tags.Append(", \"direction\"");
        if ((g & TrafficDimensions.Class) != 0) tags.Append(", \"class\"");
        string range = $"time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(query.To)}{InfluxQl.DeviceFilter(query.Devices)}";
        string line = query.Line is { } l ? " AND \"line\" = " + InfluxQl.String(l) : "";
        string group = $"GROUP BY time({InfluxQl.Duration(query.Bin.ToTimeSpan())})";
        string sql = $"SELECT sum(\"count\") FROM \"traffic\" WHERE \"kind\" = {InfluxQl.String(DuckDb.DuckDbTimeSeriesStore.KindName(query.Kind))} AND {range}{line} {group}{tags} fill(none);"
            + $"SELECT max(\"has_data\") FROM \"coverage\" WHERE {range} {group}, \"device\", \"camera\" fill(none)";
        List<InfluxSeries> series = await QueryAsync(sql, post: false, cancellationToken).ConfigureAwait(false);
        long fromMs = from.ToUnixTimeMilliseconds();
        long binMs = (long)query.Bin.ToTimeSpan().TotalMilliseconds;
        var sums = new List<TrafficGroupSum>();
        var coverage = new List<CoverageBin>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                int bin = (int)((row[0].GetInt64() - fromMs) / binMs);
                if (s.Statement == 0)
                {
                    sums.Add(new TrafficGroupSum(device ? s.Tag("device") : null, camera ? s.Tag("camera") : null,
                        (g & TrafficDimensions.Line) != 0 ? s.Tag("line") : null, (g & TrafficDimensions.Direction) != 0 ? s.Tag("direction") : null,
                        (g & TrafficDimensions.Class) != 0 ? s.Tag("class") : null, bin, row[1].GetInt64()));
                }
                else
                {
                    coverage.Add(new CoverageBin(s.Tag("device"), s.Tag("camera"), bin, row[1].GetInt64() != 0));
                }
            }
        }

        return DashboardBinAssembler.Aggregate(query, sums, coverage);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceLastSeen>> GetLastSeenAsync(CancellationToken cancellationToken = default)
    {
        List<InfluxSeries> series = await QueryAsync("SELECT last(\"seq\") FROM \"message\" GROUP BY \"device\"", post: false, cancellationToken).ConfigureAwait(false);
        var result = new List<DeviceLastSeen>();
        foreach (InfluxSeries s in series)
        {
            if (s.Values.Count > 0)
            {
                result.Add(new DeviceLastSeen(s.Tag("device"), DateTimeOffset.FromUnixTimeMilliseconds(s.Values[0][0].GetInt64()), s.Values[0][1].GetInt64()));
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Device, b.Device));
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HealthSnapshot>> GetLatestHealthAsync(CancellationToken cancellationToken = default)
    {
        // The newest point time per device, then every camera's point at that time (a selector's time is the point's own).
        List<InfluxSeries> last = await QueryAsync("SELECT last(\"outbox_depth\") FROM \"health\" GROUP BY \"device\"", post: false, cancellationToken).ConfigureAwait(false);
        var statements = new StringBuilder();
        foreach (InfluxSeries s in last)
        {
            if (s.Values.Count > 0)
            {
                statements.Append("SELECT * FROM \"health\" WHERE \"device\" = ").Append(InfluxQl.String(s.Tag("device")))
                    .Append(" AND time = ").Append(s.Values[0][0].GetInt64().ToString(CultureInfo.InvariantCulture)).Append("ms;");
            }
        }

        var result = new List<HealthSnapshot>();
        if (statements.Length == 0)
        {
            return result;
        }

        List<InfluxSeries> rows = await QueryAsync(statements.ToString().TrimEnd(';'), post: false, cancellationToken).ConfigureAwait(false);
        foreach (InfluxSeries s in rows)
        {
            HealthSnapshot? snapshot = null;
            var cameras = new List<CameraHealth>();
            foreach (JsonElement[] row in s.Values)
            {
                string device = Text(s, row, "device") ?? "";
                snapshot ??= new HealthSnapshot(device, DateTimeOffset.FromUnixTimeMilliseconds(Long(s, row, "ts") ?? row[0].GetInt64()),
                    Text(s, row, "agent_version") ?? "", Text(s, row, "model_version") is { Length: > 0 } m ? m : null,
                    Long(s, row, "outbox_depth") ?? 0, Long(s, row, "outbox_dropped") ?? 0, Double(s, row, "cpu_temperature_c"), Long(s, row, "uptime_s") ?? 0, cameras);
                if (Double(s, row, "fps") is { } fps)
                {
                    cameras.Add(new CameraHealth(Text(s, row, "camera") ?? "", fps, Double(s, row, "inference_ms_mean"), Double(s, row, "inference_ms_p95"),
                        Long(s, row, "frames_dropped") ?? 0));
                }
            }

            if (snapshot is not null)
            {
                cameras.Sort(static (a, b) => string.CompareOrdinal(a.Camera, b.Camera));
                result.Add(snapshot);
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Device, b.Device));
        return result;
    }

    /// <inheritdoc />
    public async Task<HealthBins> QueryHealthAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        (string where, long fromMs, long binMs, string group) = Range(query.From, query.To, query.Bin, query.Devices);
        List<InfluxSeries> series = await QueryAsync(
            $"SELECT mean(\"fps\"), mean(\"inference_ms_mean\"), sum(\"frames_dropped\"), max(\"outbox_depth\"), mean(\"cpu_temperature_c\") FROM \"health\" WHERE {where} {group}, \"device\" fill(none)",
            post: false, cancellationToken).ConfigureAwait(false);
        var rows = new List<HealthBin>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                rows.Add(new HealthBin(s.Tag("device"), (int)((row[0].GetInt64() - fromMs) / binMs), D(row[1]), D(row[2]), L(row[3]), L(row[4]), D(row[5])));
            }
        }

        return DashboardBinAssembler.Health(query, rows);
    }

    /// <inheritdoc />
    public async Task<QueueBins> QueryQueuesAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        (string where, long fromMs, long binMs, string group) = Range(query.From, query.To, query.Bin, query.Devices);
        List<InfluxSeries> series = await QueryAsync(
            $"SELECT max(\"max_m\"), mean(\"mean_m\"), max(\"max_vehicles\") FROM \"queue\" WHERE {where} {group}, \"device\", \"site\", \"camera\", \"approach\" fill(none)",
            post: false, cancellationToken).ConfigureAwait(false);
        var rows = new List<QueueBin>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                rows.Add(new QueueBin(s.Tag("device"), s.Tag("site"), s.Tag("camera"), s.Tag("approach"), (int)((row[0].GetInt64() - fromMs) / binMs),
                    D(row[1]) ?? 0, D(row[2]) ?? 0, (int)(L(row[3]) ?? 0)));
            }
        }

        return DashboardBinAssembler.Queues(query, rows);
    }

    /// <inheritdoc />
    public async Task<SpeedBins> QuerySpeedsAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        (string where, long fromMs, long binMs, string group) = Range(query.From, query.To, query.Bin, query.Devices);
        List<InfluxSeries> series = await QueryAsync(
            $"SELECT sum(\"mean_x_samples\"), sum(\"mean_samples\"), sum(\"p85_x_samples\"), sum(\"p85_samples\"), sum(\"samples\") FROM \"speed\" WHERE {where} {group}, \"device\", \"site\", \"camera\", \"name\", \"site_kind\" fill(none)",
            post: false, cancellationToken).ConfigureAwait(false);
        var rows = new List<SpeedBin>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                double? mean = L(row[2]) is > 0 and { } n ? D(row[1]) / n : null;
                double? p85 = L(row[4]) is > 0 and { } m ? D(row[3]) / m : null;
                rows.Add(new SpeedBin(s.Tag("device"), s.Tag("site"), s.Tag("camera"), s.Tag("name"), s.Tag("site_kind"), (int)((row[0].GetInt64() - fromMs) / binMs),
                    mean, p85, (int)(L(row[5]) ?? 0)));
            }
        }

        return DashboardBinAssembler.Speeds(query, rows);
    }

    /// <inheritdoc />
    public async Task<AirFlagBins> QueryAirFlagsAsync(AirQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        (string where, long fromMs, long binMs, _) = Range(query.From, query.To, query.Bin, query.Devices);
        List<InfluxSeries> series = await QueryAsync(
            $"SELECT \"flags\", \"flagged_samples\" FROM \"air_flag\" WHERE \"quantity\" = {InfluxQl.String(query.Quantity)} AND {where} GROUP BY \"device\", \"sensor\"",
            post: false, cancellationToken).ConfigureAwait(false);
        var rows = new List<AirFlagBin>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                rows.Add(new AirFlagBin(s.Tag("device"), s.Tag("sensor"), (int)((row[0].GetInt64() - fromMs) / binMs), row[1].GetString() ?? "", (int)(L(row[2]) ?? 0)));
            }
        }

        return DashboardBinAssembler.AirFlags(query, rows);
    }

    private static (string Where, long FromMs, long BinMs, string Group) Range(DateTimeOffset fromRaw, DateTimeOffset to, BinWidth bin, IReadOnlyCollection<string>? devices)
    {
        DateTimeOffset from = bin.FloorToBin(fromRaw);
        string where = $"time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)}{InfluxQl.DeviceFilter(devices)}";
        return (where, from.ToUnixTimeMilliseconds(), (long)bin.ToTimeSpan().TotalMilliseconds, $"GROUP BY time({InfluxQl.Duration(bin.ToTimeSpan())})");
    }

    private static double? D(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    private static long? L(JsonElement e) => e.ValueKind == JsonValueKind.Number ? (long)Math.Round(e.GetDouble()) : null;

    private static int Column(InfluxSeries s, string name)
    {
        for (int i = 0; i < s.Columns.Count; i++)
        {
            if (s.Columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Text(InfluxSeries s, JsonElement[] row, string name) =>
        Column(s, name) is >= 0 and var i && row[i].ValueKind == JsonValueKind.String ? row[i].GetString() : null;

    private static double? Double(InfluxSeries s, JsonElement[] row, string name) => Column(s, name) is >= 0 and var i ? D(row[i]) : null;

    private static long? Long(InfluxSeries s, JsonElement[] row, string name) => Column(s, name) is >= 0 and var i ? L(row[i]) : null;
}
