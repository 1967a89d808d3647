using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Cloud.Storage.Rows;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Storage.DuckDb;

/// <summary>
/// The embedded store: one DuckDB file in the data folder. One writer connection (DuckDB connections are not
/// thread-safe, and one process owns the file); each query opens its own connection on the same database instance.
/// A batch is one transaction: its commit is written to DuckDB's WAL and synced before the call returns.
/// </summary>
public sealed partial class DuckDbTimeSeriesStore : ITimeSeriesStore
{
    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    /// <summary>Opens (or creates) the store file and its schema.</summary>
    public DuckDbTimeSeriesStore(DuckDbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Directory.CreateDirectory(options.DataFolder);
        _connectionString = $"Data Source={options.DatabasePath}";
        _writer = new DuckDBConnection(_connectionString);
        try
        {
            _writer.Open();
            // An option value, not user text: an int formatted invariantly.
            Execute(_writer, string.Create(CultureInfo.InvariantCulture, $"SET checkpoint_threshold = '{options.CheckpointThresholdMiB}MiB'"));
            Execute(_writer, DuckDbSchema.Create);
            Execute(_writer, DuckDbSchema.CreateStage);
            Execute(_writer, DuckDbDashboardSchema.Create);
        }
        catch (DuckDBException e)
        {
            _writer.Dispose();
            throw new InvalidOperationException($"Cannot open the DuckDB store '{options.DatabasePath}': {e.Message}", e);
        }
    }

    /// <summary>The options the store was opened with.</summary>
    public DuckDbStoreOptions Options { get; }

    /// <inheritdoc />
    public async Task<StoreWriteResult> WriteBatchAsync(IReadOnlyList<WirePayload> messages, CancellationToken cancellationToken = default)
    {
        StoreBatch batch = PayloadFlattener.Flatten(messages, Options.DeviceSites);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int stored = WriteLocked(batch);
            return new StoreWriteResult(stored, messages.Count - stored);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private int WriteLocked(StoreBatch batch)
    {
        if (batch.Messages.Count == 0 && batch.Status.Count == 0)
        {
            return 0;
        }

        // Usually every message of a batch is new (a redelivery follows only a reconnect or a store outage): the
        // primary key answers "seen before?" per key through its index, and when the insert count says none was, every
        // measure is appended without a lookup. Otherwise the transaction is rolled back and written again with
        // RETURNING, which names the new keys, and only their measures are appended, so a redelivered message changes
        // nothing.
        using (DuckDBTransaction tx = _writer.BeginTransaction())
        {
            AppendStage(batch);
            if (ExecuteNonQuery(_writer, "INSERT INTO message SELECT * FROM stage_message ON CONFLICT DO NOTHING", tx) == batch.Messages.Count)
            {
                AppendAll(batch, fresh: null, tx);
                return batch.Messages.Count + batch.Status.Count;
            }

            tx.Rollback();
        }

        using (DuckDBTransaction tx = _writer.BeginTransaction())
        {
            AppendStage(batch);
            var fresh = new HashSet<(string, long)>(batch.Messages.Count);
            using (DuckDBCommand insert = _writer.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO message SELECT * FROM stage_message ON CONFLICT DO NOTHING RETURNING device, seq";
                using DuckDBDataReader reader = insert.ExecuteReader();
                while (reader.Read())
                {
                    fresh.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }

            AppendAll(batch, fresh, tx);
            return fresh.Count + batch.Status.Count;
        }
    }

    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendStage(StoreBatch batch)
    {
        using DuckDBAppender stage = _writer.CreateAppender("temp", "main", "stage_message");
        foreach (MessageRow m in batch.Messages)
        {
            stage.CreateRow().AppendValue(m.Device).AppendValue(m.Seq).AppendValue(m.Kind).AppendValue(m.TsUtc).AppendValue(m.IntervalS).EndRow();
        }
    }

    /// <summary>Appends the measures of the new messages (all of them when <paramref name="fresh"/> is null) and the
    /// status rows, empties the stage and commits.</summary>
    private void AppendAll(StoreBatch batch, HashSet<(string, long)>? fresh, DuckDBTransaction tx)
    {
        if (fresh is null || fresh.Count > 0)
        {
            AppendMeasures(batch, fresh);
            AppendDashboardMeasures(batch, fresh);
        }

        AppendStatus(batch);
        Execute(_writer, "DELETE FROM stage_message", tx);
        tx.Commit();
    }

    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendMeasures(StoreBatch batch, HashSet<(string, long)>? fresh)
    {
        // When every message of the batch is new (fresh is null), no row needs the lookup. An appender is made only
        // for a table that gets rows.
        bool all = fresh is null || fresh.Count == batch.Messages.Count;
        if (batch.Traffic.Count > 0)
        {
            using DuckDBAppender traffic = _writer.CreateAppender("traffic");
            foreach (TrafficRow t in batch.Traffic)
            {
                if (all || fresh!.Contains((t.Device, t.Seq)))
                {
                    traffic.CreateRow().AppendValue(t.StartUtc).AppendValue(t.Device).AppendValue(t.Site).AppendValue(t.Camera).AppendValue(KindName(t.Kind))
                        .AppendValue(t.Line).AppendValue(t.Direction).AppendValue(t.Class).AppendValue(t.Count).EndRow();
                }
            }
        }

        if (batch.Coverage.Count > 0)
        {
            using DuckDBAppender coverage = _writer.CreateAppender("coverage");
            foreach (CoverageRow c in batch.Coverage)
            {
                if (all || fresh!.Contains((c.Device, c.Seq)))
                {
                    coverage.CreateRow().AppendValue(c.StartUtc).AppendValue(c.Device).AppendValue(c.Site).AppendValue(c.Camera)
                        .AppendValue(c.IntervalS).AppendValue(c.Status).AppendValue(c.HasData).EndRow();
                }
            }
        }

        if (batch.Air.Count > 0)
        {
            using DuckDBAppender air = _writer.CreateAppender("air");
            foreach (AirRow a in batch.Air)
            {
                if (all || fresh!.Contains((a.Device, a.Seq)))
                {
                    air.CreateRow().AppendValue(a.StartUtc).AppendValue(a.Device).AppendValue(a.Site).AppendValue(a.Sensor).AppendValue(a.Quantity)
                        .AppendValue(a.Unit).AppendValue(a.Value).EndRow();
                }
            }
        }
    }

    // Status rows are latest-state outside the seq ledger: every one is kept and the latest by ts wins; a redelivered
    // status only repeats a row with the same ts and state.
    // Runs once per batch with a loop over every message: tier-0 code would never see the 30 calls that promote it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendStatus(StoreBatch batch)
    {
        if (batch.Status.Count == 0)
        {
            return;
        }

        using DuckDBAppender status = _writer.CreateAppender("status");
        foreach (StatusRow s in batch.Status)
        {
            status.CreateRow().AppendValue(s.TsUtc).AppendValue(s.Device).AppendValue(s.State).AppendValue(s.Detail).EndRow();
        }
    }

    /// <inheritdoc />
    public Task<TrafficBins> QueryTrafficAsync(TrafficQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        using DuckDBConnection c = OpenReader();
        var sql = new StringBuilder("""
            SELECT device, site, camera, kind, line, direction, class, CAST((epoch_ms(start) - $from) // $bin AS INTEGER) AS b, CAST(sum(count) AS BIGINT)
            FROM traffic WHERE start >= $fromTs AND start < $toTs
            """);
        using DuckDBCommand cmd = c.CreateCommand();
        AddRange(cmd, sql, from, query.To, query.Bin, query.Devices);
        if (query.Kind is { } kind)
        {
            sql.Append(" AND kind = $kind");
            cmd.Parameters.Add(new DuckDBParameter("kind", KindName(kind)));
        }

        sql.Append(" GROUP BY ALL");
        cmd.CommandText = sql.ToString();
        var sums = new List<TrafficBinSum>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                sums.Add(new TrafficBinSum(r.GetString(0), r.GetString(1), r.GetString(2), ParseKind(r.GetString(3)), r.GetString(4),
                    r.GetString(5), r.GetString(6), r.GetInt32(7), r.GetInt64(8)));
            }
        }

        var coverage = new List<CoverageBin>();
        using (DuckDBCommand cov = c.CreateCommand())
        {
            var covSql = new StringBuilder("""
                SELECT device, camera, CAST((epoch_ms(start) - $from) // $bin AS INTEGER) AS b, bool_or(has_data)
                FROM coverage WHERE start >= $fromTs AND start < $toTs
                """);
            AddRange(cov, covSql, from, query.To, query.Bin, query.Devices);
            covSql.Append(" GROUP BY ALL");
            cov.CommandText = covSql.ToString();
            using DuckDBDataReader r = cov.ExecuteReader();
            while (r.Read())
            {
                coverage.Add(new CoverageBin(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3)));
            }
        }

        return Task.FromResult(BinAssembler.Traffic(query, sums, coverage));
    }

    /// <inheritdoc />
    public Task<AirBins> QueryAirAsync(AirQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        var sql = new StringBuilder("""
            SELECT device, any_value(site), sensor, any_value(unit), CAST((epoch_ms(start) - $from) // $bin AS INTEGER) AS b, avg(value)
            FROM air WHERE quantity = $quantity AND start >= $fromTs AND start < $toTs
            """);
        cmd.Parameters.Add(new DuckDBParameter("quantity", query.Quantity));
        AddRange(cmd, sql, from, query.To, query.Bin, query.Devices);
        sql.Append(" GROUP BY device, sensor, b");
        cmd.CommandText = sql.ToString();
        var means = new List<AirBinMean>();
        using (DuckDBDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                means.Add(new AirBinMean(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetDouble(5)));
            }
        }

        return Task.FromResult(BinAssembler.Air(query, means));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceStatus>> GetLatestStatusAsync(CancellationToken cancellationToken = default)
    {
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT device, arg_max(ts, ts), arg_max(state, ts), arg_max(detail, ts) FROM status GROUP BY device ORDER BY device";
        var result = new List<DeviceStatus>();
        using DuckDBDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new DeviceStatus(r.GetString(0), AsUtc(r.GetDateTime(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }

        return Task.FromResult<IReadOnlyList<DeviceStatus>>(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> GetLastSeqAsync(CancellationToken cancellationToken = default)
    {
        using DuckDBConnection c = OpenReader();
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT device, max(seq) FROM message GROUP BY device";
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using DuckDBDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            result[r.GetString(0)] = r.GetInt64(1);
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(result);
    }

    /// <inheritdoc />
    public async Task<long> ApplyRetentionAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using DuckDBTransaction tx = _writer.BeginTransaction();
            long deleted = 0;
            foreach (string sql in (ReadOnlySpan<string>)[
                "DELETE FROM traffic WHERE start < $cutoff",
                "DELETE FROM coverage WHERE start < $cutoff",
                "DELETE FROM air WHERE start < $cutoff",
                // The latest status of a device stays however old: "offline since March" is still the answer.
                "DELETE FROM status s WHERE ts < $cutoff AND ts < (SELECT max(ts) FROM status l WHERE l.device = s.device)",
                // A message older than the window that is delivered again is stored again and goes at the next pass.
                "DELETE FROM message WHERE ts < $cutoff",
            ])
            {
                using DuckDBCommand cmd = _writer.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = sql;
                cmd.Parameters.Add(new DuckDBParameter("cutoff", cutoff.UtcDateTime));
                deleted += cmd.ExecuteNonQuery();
            }

            deleted += DeleteDashboardRows(tx, cutoff);
            tx.Commit();
            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _writer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs SQL on a reader connection (for measurements and ad-hoc inspection).</summary>
    internal DuckDBConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var c = new DuckDBConnection(_connectionString);
        c.Open();
        return c;
    }

    private static void AddRange(DuckDBCommand cmd, StringBuilder sql, DateTimeOffset from, DateTimeOffset to, BinWidth bin, IReadOnlyCollection<string>? devices)
    {
        cmd.Parameters.Add(new DuckDBParameter("from", from.ToUnixTimeMilliseconds()));
        cmd.Parameters.Add(new DuckDBParameter("bin", (long)bin.ToTimeSpan().TotalMilliseconds));
        cmd.Parameters.Add(new DuckDBParameter("fromTs", from.UtcDateTime));
        cmd.Parameters.Add(new DuckDBParameter("toTs", to.UtcDateTime));
        if (devices is { Count: > 0 })
        {
            sql.Append(" AND device IN (");
            int i = 0;
            foreach (string d in devices)
            {
                string name = "d" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "$" : ", $").Append(name);
                cmd.Parameters.Add(new DuckDBParameter(name, d));
                i++;
            }

            sql.Append(')');
        }
    }

    private static long ExecuteNonQuery(DuckDBConnection c, string sql, DuckDBTransaction tx)
    {
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    private static void Execute(DuckDBConnection c, string sql, DuckDBTransaction? tx = null)
    {
        using DuckDBCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static string KindName(TrafficCountKind kind) => kind == TrafficCountKind.Movement ? "movement" : "line";

    internal static TrafficCountKind ParseKind(string name) => name == "movement" ? TrafficCountKind.Movement : TrafficCountKind.Line;

    private static DateTimeOffset AsUtc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
