using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Cloud.Storage.Rows;

namespace SmartCity.Cloud.Storage.DuckDb;

/// <summary>The dashboard's reads and the rows only it needs.</summary>
public sealed partial class DuckDbTimeSeriesStore
{
    private const string Bin = "CAST((epoch_ms(start) - $from) // $bin AS INTEGER) AS b";

    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendDashboardMeasures(StoreBatch batch, HashSet<(string, long)>? fresh)
    {
        // fresh null: every message of the batch is new. An appender is made only for a table that gets rows.
        bool all = fresh is null;
        if (batch.Health.Count > 0)
        {
            using DuckDBAppender health = _writer.CreateAppender("health");
            foreach (HealthRow h in batch.Health)
            {
                if (all || fresh!.Contains((h.Device, h.Seq)))
                {
                    health.CreateRow().AppendValue(h.StartUtc).AppendValue(h.TsUtc).AppendValue(h.Device).AppendValue(h.Site).AppendValue(h.Camera)
                        .AppendValue(h.Fps).AppendValue(h.InferenceMsMean).AppendValue(h.InferenceMsP95).AppendValue(h.FramesDropped)
                        .AppendValue(h.OutboxDepth).AppendValue(h.OutboxDropped).AppendValue(h.CpuTemperatureC).AppendValue(h.UptimeS)
                        .AppendValue(h.AgentVersion).AppendValue(h.ModelVersion).EndRow();
                }
            }
        }

        if (batch.Queues.Count > 0)
        {
            using DuckDBAppender queue = _writer.CreateAppender("queue");
            foreach (QueueRow q in batch.Queues)
            {
                if (all || fresh!.Contains((q.Device, q.Seq)))
                {
                    queue.CreateRow().AppendValue(q.StartUtc).AppendValue(q.Device).AppendValue(q.Site).AppendValue(q.Camera).AppendValue(q.Approach)
                        .AppendValue(q.MaxVehicles).AppendValue(q.MaxM).AppendValue(q.MeanM).EndRow();
                }
            }
        }

        if (batch.Speeds.Count > 0)
        {
            using DuckDBAppender speed = _writer.CreateAppender("speed");
            foreach (SpeedRow s in batch.Speeds)
            {
                if (all || fresh!.Contains((s.Device, s.Seq)))
                {
                    speed.CreateRow().AppendValue(s.StartUtc).AppendValue(s.Device).AppendValue(s.Site).AppendValue(s.Camera).AppendValue(s.Name)
                        .AppendValue(s.Where).AppendValue(s.Samples).AppendValue(s.MeanKmh).AppendValue(s.P85Kmh).EndRow();
                }
            }
        }

        if (batch.AirFlags.Count > 0)
        {
            using DuckDBAppender flags = _writer.CreateAppender("air_flag");
            foreach (AirFlagRow f in batch.AirFlags)
            {
                if (all || fresh!.Contains((f.Device, f.Seq)))
                {
                    flags.CreateRow().AppendValue(f.StartUtc).AppendValue(f.Device).AppendValue(f.Site).AppendValue(f.Sensor).AppendValue(f.Quantity)
                        .AppendValue(f.Flags).AppendValue(f.FlaggedSamples).EndRow();
                }
            }
        }
    }

    private long DeleteDashboardRows(DuckDBTransaction tx, DateTimeOffset cutoff)
    {
        long deleted = 0;
        foreach (string table in DuckDbDashboardSchema.Tables)
        {
            using DuckDBCommand cmd = _writer.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"DELETE FROM {table} WHERE start < $cutoff";
            cmd.Parameters.Add(new DuckDBParameter("cutoff", cutoff.UtcDateTime));
            deleted += cmd.ExecuteNonQuery();
        }

        return deleted;
    }

    /// <inheritdoc />
    public Task<TrafficAggregate> QueryTrafficAggregateAsync(TrafficAggregateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        TrafficDimensions g = query.GroupBy;
        bool device = (g & TrafficDimensions.Device) != 0;
        bool camera = device && (g & TrafficDimensions.Camera) != 0;
        using DuckDBConnection c = OpenReader();
        var sql = new StringBuilder("SELECT ")
            .Append(device ? "device" : "NULL::VARCHAR").Append(", ")
            .Append(camera ? "camera" : "NULL::VARCHAR").Append(", ")
            .Append((g & TrafficDimensions.Line) != 0 ? "line" : "NULL::VARCHAR").Append(", ")
            .Append((g & TrafficDimensions.Direction) != 0 ? "direction" : "NULL::VARCHAR").Append(", ")
            .Append((g & TrafficDimensions.Class) != 0 ? "class" : "NULL::VARCHAR").Append(", ")
            .Append(Bin).Append(", CAST(sum(count) AS BIGINT) FROM traffic WHERE kind = $kind AND start >= $fromTs AND start < $toTs");
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.Parameters.Add(new DuckDBParameter("kind", KindName(query.Kind)));
        AddRange(cmd, sql, from, query.To, query.Bin, query.Devices);
        if (query.Line is { } line)
        {
            sql.Append(" AND line = $line");
            cmd.Parameters.Add(new DuckDBParameter("line", line));
        }

        sql.Append(" GROUP BY ALL");
        cmd.CommandText = sql.ToString();
        var sums = new List<TrafficGroupSum>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                sums.Add(new TrafficGroupSum(Str(r, 0), Str(r, 1), Str(r, 2), Str(r, 3), Str(r, 4), r.GetInt32(5), r.GetInt64(6)));
            }
        }

        return Task.FromResult(DashboardBinAssembler.Aggregate(query, sums, ReadCoverage(c, from, query.To, query.Bin, query.Devices)));
    }

    private static List<CoverageBin> ReadCoverage(DuckDBConnection c, DateTimeOffset from, DateTimeOffset to, BinWidth bin, IReadOnlyCollection<string>? devices)
    {
        var coverage = new List<CoverageBin>();
        using DuckDBCommand cov = c.CreateCommand();
        var sql = new StringBuilder("SELECT device, camera, ").Append(Bin).Append(", bool_or(has_data) FROM coverage WHERE start >= $fromTs AND start < $toTs");
        AddRange(cov, sql, from, to, bin, devices);
        sql.Append(" GROUP BY ALL");
        cov.CommandText = sql.ToString();
        using DuckDBDataReader r = cov.ExecuteReader();
        while (r.Read())
        {
            coverage.Add(new CoverageBin(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3)));
        }

        return coverage;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceLastSeen>> GetLastSeenAsync(CancellationToken cancellationToken = default)
    {
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT device, max(ts), arg_max(seq, ts) FROM message GROUP BY device ORDER BY device";
        var result = new List<DeviceLastSeen>();
        using DuckDBDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new DeviceLastSeen(r.GetString(0), Utc(r.GetDateTime(1)), r.GetInt64(2)));
        }

        return Task.FromResult<IReadOnlyList<DeviceLastSeen>>(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HealthSnapshot>> GetLatestHealthAsync(CancellationToken cancellationToken = default)
    {
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT h.device, h.ts, h.agent_version, h.model_version, h.outbox_depth, h.outbox_dropped, h.cpu_temperature_c, h.uptime_s,
                   h.camera, h.fps, h.inference_ms_mean, h.inference_ms_p95, h.frames_dropped
            FROM health h JOIN (SELECT device, max(ts) AS ts FROM health GROUP BY device) l ON h.device = l.device AND h.ts = l.ts
            ORDER BY h.device, h.camera
            """;
        var result = new List<HealthSnapshot>();
        using DuckDBDataReader r = cmd.ExecuteReader();
        HealthSnapshot? current = null;
        List<CameraHealth>? cameras = null;
        while (r.Read())
        {
            string device = r.GetString(0);
            if (current is null || current.Device != device)
            {
                cameras = [];
                current = new HealthSnapshot(device, Utc(r.GetDateTime(1)), r.GetString(2), Str(r, 3), r.GetInt64(4), r.GetInt64(5), Dbl(r, 6), r.GetInt64(7), cameras);
                result.Add(current);
            }

            if (Dbl(r, 9) is { } fps)
            {
                cameras!.Add(new CameraHealth(r.GetString(8), fps, Dbl(r, 10), Dbl(r, 11), r.GetInt64(12)));
            }
        }

        return Task.FromResult<IReadOnlyList<HealthSnapshot>>(result);
    }

    /// <inheritdoc />
    public Task<HealthBins> QueryHealthAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        var sql = new StringBuilder("SELECT device, ").Append(Bin)
            .Append(", avg(fps), avg(inference_ms_mean), CAST(sum(frames_dropped) AS BIGINT), max(outbox_depth), avg(cpu_temperature_c) FROM health WHERE start >= $fromTs AND start < $toTs");
        AddRange(cmd, sql, query.Bin.FloorToBin(query.From), query.To, query.Bin, query.Devices);
        sql.Append(" GROUP BY device, b");
        cmd.CommandText = sql.ToString();
        var rows = new List<HealthBin>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(new HealthBin(r.GetString(0), r.GetInt32(1), Dbl(r, 2), Dbl(r, 3), r.GetInt64(4), r.GetInt64(5), Dbl(r, 6)));
            }
        }

        return Task.FromResult(DashboardBinAssembler.Health(query, rows));
    }

    /// <inheritdoc />
    public Task<QueueBins> QueryQueuesAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        var sql = new StringBuilder("SELECT device, any_value(site), camera, approach, ").Append(Bin)
            .Append(", max(max_m), avg(mean_m), max(max_vehicles) FROM queue WHERE start >= $fromTs AND start < $toTs");
        AddRange(cmd, sql, query.Bin.FloorToBin(query.From), query.To, query.Bin, query.Devices);
        sql.Append(" GROUP BY device, camera, approach, b");
        cmd.CommandText = sql.ToString();
        var rows = new List<QueueBin>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(new QueueBin(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetDouble(5), r.GetDouble(6), r.GetInt32(7)));
            }
        }

        return Task.FromResult(DashboardBinAssembler.Queues(query, rows));
    }

    /// <inheritdoc />
    public Task<SpeedBins> QuerySpeedsAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        var sql = new StringBuilder("SELECT device, any_value(site), camera, name, site_kind, ").Append(Bin).Append("""
            , sum(mean_kmh * samples) / nullif(sum(CASE WHEN mean_kmh IS NOT NULL THEN samples END), 0)
            , sum(p85_kmh * samples) / nullif(sum(CASE WHEN p85_kmh IS NOT NULL THEN samples END), 0)
            , CAST(sum(samples) AS INTEGER) FROM speed WHERE start >= $fromTs AND start < $toTs
            """);
        AddRange(cmd, sql, query.Bin.FloorToBin(query.From), query.To, query.Bin, query.Devices);
        sql.Append(" GROUP BY device, camera, name, site_kind, b");
        cmd.CommandText = sql.ToString();
        var rows = new List<SpeedBin>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(new SpeedBin(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), Dbl(r, 6), Dbl(r, 7), r.GetInt32(8)));
            }
        }

        return Task.FromResult(DashboardBinAssembler.Speeds(query, rows));
    }

    /// <inheritdoc />
    public Task<AirFlagBins> QueryAirFlagsAsync(AirQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        var sql = new StringBuilder("SELECT device, sensor, ").Append(Bin)
            .Append(", string_agg(flags, ','), CAST(sum(flagged_samples) AS INTEGER) FROM air_flag WHERE quantity = $quantity AND start >= $fromTs AND start < $toTs");
        cmd.Parameters.Add(new DuckDBParameter("quantity", query.Quantity));
        AddRange(cmd, sql, query.Bin.FloorToBin(query.From), query.To, query.Bin, query.Devices);
        sql.Append(" GROUP BY device, sensor, b");
        cmd.CommandText = sql.ToString();
        var rows = new List<AirFlagBin>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(new AirFlagBin(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4)));
            }
        }

        return Task.FromResult(DashboardBinAssembler.AirFlags(query, rows));
    }

    private static string? Str(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Dbl(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
