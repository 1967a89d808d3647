using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Cloud.Storage.Rows;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>
/// InfluxDB through its HTTP API: line protocol (precision ms) to the 1.x <c>/write</c> endpoint or, with
/// <see cref="InfluxStoreOptions.WriteApi"/> V2, to <c>/api/v2/write</c> through InfluxDB.Client (1.8+, 2.x, 3.x);
/// InfluxQL to <c>/query</c> for every read, since all three major versions answer it (the C# client has no InfluxQL
/// API and 3.x has no Flux). Measurements: <c>traffic</c>, <c>coverage</c>, <c>air</c>, <c>status</c>, <c>message</c>
/// (the seq ledger; seq is a field). A redelivered message writes the same points again (same measurement, tags and
/// time), which InfluxDB overwrites: idempotent by design. Both write endpoints answer success only after the WAL
/// holds the points, and a batch is reported stored only after that answer.
/// </summary>
public sealed partial class InfluxV1TimeSeriesStore : ITimeSeriesStore
{
    private readonly HttpClient _http;
    private readonly IInfluxPointWriter _writer;
    private readonly InfluxStoreOptions _options;

    private InfluxV1TimeSeriesStore(InfluxStoreOptions options, HttpClient http, IInfluxPointWriter writer)
    {
        _options = options;
        _http = http;
        _writer = writer;
    }

    /// <summary>The write endpoint in use.</summary>
    public InfluxWriteApi WriteApi => _options.WriteApi;

    /// <summary>
    /// Validates <paramref name="options"/> (an <see cref="ArgumentException"/> names the setting), connects and, when
    /// <see cref="InfluxStoreOptions.CreateDatabase"/> is set, creates the database if missing.
    /// </summary>
    public static async Task<InfluxV1TimeSeriesStore> OpenAsync(InfluxStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var http = new HttpClient { BaseAddress = options.ServerUri, Timeout = options.Timeout };
        if (options.Username is not null)
        {
            string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (options.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }

        IInfluxPointWriter? writer = null;
        try
        {
            writer = options.WriteApi == InfluxWriteApi.V2 ? new InfluxV2PointWriter(options) : new InfluxV1PointWriter(http, options);
            var store = new InfluxV1TimeSeriesStore(options, http, writer);
            if (options.CreateDatabase)
            {
                string create = "CREATE DATABASE " + InfluxQl.Identifier(options.Database);
                string with = "";
                if (options.Retention is { } r)
                {
                    with += " DURATION " + ((long)Math.Ceiling(r.TotalHours)).ToString(CultureInfo.InvariantCulture) + "h";
                }

                if (options.RetentionPolicy is { } rp)
                {
                    with += " NAME " + InfluxQl.Identifier(rp);
                }

                await store.QueryAsync(with.Length == 0 ? create : create + " WITH" + with, post: true, cancellationToken).ConfigureAwait(false);
            }

            return store;
        }
        catch
        {
            writer?.Dispose();
            http.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<StoreWriteResult> WriteBatchAsync(IReadOnlyList<WirePayload> messages, CancellationToken cancellationToken = default)
    {
        StoreBatch batch = PayloadFlattener.Flatten(messages, _options.DeviceSites);
        if (batch.Messages.Count == 0 && batch.Status.Count == 0)
        {
            return new StoreWriteResult(0, batch.RepeatsInBatch);
        }

        // Awaited before returning: the caller acknowledges the MQTT messages only after this completes.
        await _writer.WriteAsync(ToLineProtocol(batch), cancellationToken).ConfigureAwait(false);

        // InfluxDB cannot say whether a point replaced an equal one, so only repeats within the batch count as duplicates.
        return new StoreWriteResult(batch.Messages.Count + batch.Status.Count, batch.RepeatsInBatch);
    }

    internal static string ToLineProtocol(StoreBatch batch)
    {
        var lp = new LineProtocol();
        foreach (MessageRow m in batch.Messages)
        {
            // Kind is a tag so that a traffic and a health message of the same interval end are separate points.
            lp.Measurement("message").Tag("device", m.Device).Tag("kind", m.Kind).Field("seq", m.Seq).Field("interval_s", m.IntervalS).Timestamp(m.TsUtc);
        }

        foreach (TrafficRow t in batch.Traffic)
        {
            lp.Measurement("traffic").Tag("camera", t.Camera).Tag("class", t.Class).Tag("device", t.Device).Tag("direction", t.Direction)
                .Tag("kind", DuckDb.DuckDbTimeSeriesStore.KindName(t.Kind)).Tag("line", t.Line).Tag("site", t.Site)
                .Field("count", t.Count).Timestamp(t.StartUtc);
        }

        foreach (CoverageRow c in batch.Coverage)
        {
            lp.Measurement("coverage").Tag("camera", c.Camera).Tag("device", c.Device).Tag("site", c.Site)
                .Field("has_data", c.HasData ? 1 : 0).Field("interval_s", c.IntervalS).Field("status", c.Status).Timestamp(c.StartUtc);
        }

        foreach (AirRow a in batch.Air)
        {
            lp.Measurement("air").Tag("device", a.Device).Tag("quantity", a.Quantity).Tag("sensor", a.Sensor).Tag("site", a.Site).Tag("unit", a.Unit)
                .Field("value", a.Value).Timestamp(a.StartUtc);
        }

        foreach (StatusRow s in batch.Status)
        {
            lp.Measurement("status").Tag("device", s.Device).Field("state", s.State).Field("detail", s.Detail ?? "").Timestamp(s.TsUtc);
        }

        AppendDashboardLines(lp, batch);

        return lp.ToString();
    }

    /// <inheritdoc />
    public async Task<TrafficBins> QueryTrafficAsync(TrafficQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        string where = $"time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(query.To)}{InfluxQl.DeviceFilter(query.Devices)}";
        string kind = query.Kind is { } k ? " AND \"kind\" = " + InfluxQl.String(DuckDb.DuckDbTimeSeriesStore.KindName(k)) : "";
        string group = $"GROUP BY time({InfluxQl.Duration(query.Bin.ToTimeSpan())})";
        string sql = $"SELECT sum(\"count\") FROM \"traffic\" WHERE {where}{kind} {group}, \"device\", \"site\", \"camera\", \"kind\", \"line\", \"direction\", \"class\" fill(none);"
            + $"SELECT max(\"has_data\") FROM \"coverage\" WHERE {where} {group}, \"device\", \"camera\" fill(none)";
        List<InfluxSeries> series = await QueryAsync(sql, post: false, cancellationToken).ConfigureAwait(false);
        long fromMs = from.ToUnixTimeMilliseconds();
        long binMs = (long)query.Bin.ToTimeSpan().TotalMilliseconds;
        var sums = new List<TrafficBinSum>();
        var coverage = new List<CoverageBin>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                int bin = (int)((row[0].GetInt64() - fromMs) / binMs);
                if (s.Name == "traffic")
                {
                    sums.Add(new TrafficBinSum(s.Tag("device"), s.Tag("site"), s.Tag("camera"), DuckDb.DuckDbTimeSeriesStore.ParseKind(s.Tag("kind")),
                        s.Tag("line"), s.Tag("direction"), s.Tag("class"), bin, row[1].GetInt64()));
                }
                else
                {
                    coverage.Add(new CoverageBin(s.Tag("device"), s.Tag("camera"), bin, row[1].GetInt64() != 0));
                }
            }
        }

        return BinAssembler.Traffic(query, sums, coverage);
    }

    /// <inheritdoc />
    public async Task<AirBins> QueryAirAsync(AirQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        string sql = $"SELECT mean(\"value\") FROM \"air\" WHERE \"quantity\" = {InfluxQl.String(query.Quantity)} AND time >= {InfluxQl.Time(from)} "
            + $"AND time < {InfluxQl.Time(query.To)}{InfluxQl.DeviceFilter(query.Devices)} "
            + $"GROUP BY time({InfluxQl.Duration(query.Bin.ToTimeSpan())}), \"device\", \"site\", \"sensor\", \"unit\" fill(none)";
        List<InfluxSeries> series = await QueryAsync(sql, post: false, cancellationToken).ConfigureAwait(false);
        long fromMs = from.ToUnixTimeMilliseconds();
        long binMs = (long)query.Bin.ToTimeSpan().TotalMilliseconds;
        var means = new List<AirBinMean>();
        foreach (InfluxSeries s in series)
        {
            foreach (JsonElement[] row in s.Values)
            {
                means.Add(new AirBinMean(s.Tag("device"), s.Tag("site"), s.Tag("sensor"), s.Tag("unit"), (int)((row[0].GetInt64() - fromMs) / binMs), row[1].GetDouble()));
            }
        }

        return BinAssembler.Air(query, means);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceStatus>> GetLatestStatusAsync(CancellationToken cancellationToken = default)
    {
        // One selector per statement so that the time column is that point's time.
        List<InfluxSeries> series = await QueryAsync(
            "SELECT last(\"state\") FROM \"status\" GROUP BY \"device\";SELECT last(\"detail\") FROM \"status\" GROUP BY \"device\"",
            post: false, cancellationToken).ConfigureAwait(false);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<DeviceStatus>();
        foreach (InfluxSeries s in series)
        {
            if (s.Values.Count == 0)
            {
                continue;
            }

            JsonElement[] row = s.Values[0];
            if (s.Statement == 0)
            {
                result.Add(new DeviceStatus(s.Tag("device"), DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), row[1].GetString() ?? "", null));
            }
            else
            {
                details[s.Tag("device")] = row[1].GetString() ?? "";
            }
        }

        for (int i = 0; i < result.Count; i++)
        {
            if (details.TryGetValue(result[i].Device, out string? d) && d.Length > 0)
            {
                result[i] = result[i] with { Detail = d };
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Device, b.Device));
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> GetLastSeqAsync(CancellationToken cancellationToken = default)
    {
        List<InfluxSeries> series = await QueryAsync("SELECT max(\"seq\") FROM \"message\" GROUP BY \"device\"", post: false, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (InfluxSeries s in series)
        {
            if (s.Values.Count > 0)
            {
                result[s.Tag("device")] = s.Values[0][1].GetInt64();
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<long> ApplyRetentionAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        // The database's retention policy expires whole shards in the background; this deletes up to the exact cutoff now.
        string time = InfluxQl.Time(cutoff);
        await QueryAsync(
            $"DELETE FROM \"traffic\" WHERE time < {time};DELETE FROM \"coverage\" WHERE time < {time};DELETE FROM \"air\" WHERE time < {time};DELETE FROM \"message\" WHERE time < {time};" + DashboardRetention(time),
            post: true, cancellationToken).ConfigureAwait(false);
        return -1;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<List<InfluxSeries>> QueryAsync(string influxQl, bool post, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["db"] = _options.Database, ["epoch"] = "ms", ["q"] = influxQl };
        if (_options.RetentionPolicy is { } rp)
        {
            form["rp"] = rp;
        }

        HttpResponseMessage response;
        if (post)
        {
            using var content = new FormUrlEncodedContent(form);
            response = await _http.PostAsync(new Uri("query", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var content = new FormUrlEncodedContent(form);
            string queryString = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response = await _http.GetAsync(new Uri("query?" + queryString, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            string json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"InfluxDB /query answered {(int)response.StatusCode}: {json}");
            }

            return InfluxSeries.Parse(json);
        }
    }
}
