using System.Net;
using SmartCity.Cloud.Storage.Influx;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>
/// The two write endpoints against the real influxd 1.6.7: v2 writes (InfluxDB.Client → 1.8 compatibility shim →
/// influxd) store exactly what v1 writes store; a server that is down is a transient error and the retried batch is
/// stored once it is back; a 4xx is a permanent error that names the field; bad options fail at open, naming the option.
/// </summary>
public sealed class InfluxWriteApiTests(InfluxServerFixture server) : IClassFixture<InfluxServerFixture>
{
    private static readonly DateTimeOffset T0 = Payloads.Day.AddHours(8);

    private static readonly string[] Measurements = ["air", "air_flag", "coverage", "health", "message", "queue", "speed", "status", "traffic"];

    /// <summary>Every kind of point the store writes: traffic with queues and speeds, no-data traffic, air with and without flags, health, status.</summary>
    private static List<WirePayload> MixedBatch() =>
    [
        Payloads.Status("dev-a", 1, T0, DeviceState.Online),
        Payloads.WithQueuesAndSpeeds(Payloads.Traffic("dev-a", 2, T0.AddMinutes(1), cars: 4, buses: 1), maxM: 24, meanM: 10.5, vehicles: 4, samples: 10, mean: 40.25, p85: 50),
        Payloads.Traffic("dev-a", 3, T0.AddMinutes(2), cars: 0, status: TrafficIntervalStatus.NoData),
        Payloads.Air("dev-b", 1, T0.AddMinutes(1), 12.75),
        Payloads.Air("dev-b", 2, T0.AddMinutes(2), null),
        Payloads.Flagged("dev-b", 3, T0.AddMinutes(3), ["stuck", "warm_up"], 7),
        Payloads.Health("dev-a", 4, T0.AddMinutes(1), fps: 9.5, outbox: 3, cpu: 51.5),
        Payloads.Health("dev-b", 4, T0.AddMinutes(1), fps: 4, outbox: 120, cpu: null),
        Payloads.Status("dev-b", 5, T0.AddMinutes(4), DeviceState.Offline),
    ];

    [InfluxFact]
    public async Task V2_writes_store_the_same_points_tags_fields_and_types_as_v1_writes()
    {
        InfluxServer influx = await server.GetAsync();
        await using var shim = await InfluxV2CompatShim.StartAsync(influx.Uri);
        string v1Db = $"t{Guid.NewGuid():N}", v2Db = $"t{Guid.NewGuid():N}";
        await using (var v1 = await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions { ServerUri = influx.Uri, Database = v1Db, RetentionPolicy = "autogen" }))
        await using (var v2 = await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions
        {
            ServerUri = shim.Uri,
            Database = v2Db,
            RetentionPolicy = "autogen",
            WriteApi = InfluxWriteApi.V2,
            Username = "smartcity",
            Password = "s3cret:x",
            Gzip = true,
        }))
        {
            Assert.Equal(await v1.WriteBatchAsync(MixedBatch()), await v2.WriteBatchAsync(MixedBatch()));
        }

        // The v2 write went as InfluxDB 1.8 wants it: bucket db/rp, ms precision, 1.8's "user:password" token, gzip.
        var (query, authorization, encoding) = Assert.Single(shim.V2Requests);
        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        Assert.Equal(($"{v2Db}/autogen", "-", "ms"), (parameters["bucket"], parameters["org"], parameters["precision"]));
        Assert.Equal("Token smartcity:s3cret:x", authorization);
        Assert.Equal("gzip", encoding);

        // Read back from the real server, not through the shim: schema (tag keys, field keys with types, series) and every row.
        const string everything = "SHOW MEASUREMENTS;SHOW SERIES;SHOW TAG KEYS;SHOW FIELD KEYS;SELECT * FROM /.*/";
        string fromV1 = await QueryRawAsync(influx.Uri, v1Db, everything);
        string fromV2 = await QueryRawAsync(influx.Uri, v2Db, everything);
        foreach (string measurement in Measurements)
        {
            Assert.Contains($"[\"{measurement}\"]", fromV1, StringComparison.Ordinal);
        }

        Assert.Contains("\"integer\"", fromV1, StringComparison.Ordinal);
        Assert.Contains("\"float\"", fromV1, StringComparison.Ordinal);
        Assert.Equal(fromV1, fromV2);
    }

    [InfluxTheory]
    [InlineData(InfluxWriteApi.V1)]
    [InlineData(InfluxWriteApi.V2)]
    public async Task A_server_that_is_down_is_a_transient_error_and_the_retried_batch_is_stored_once_it_is_back(InfluxWriteApi api)
    {
        InfluxServer influx = await server.GetAsync();
        await using var shim = await InfluxV2CompatShim.StartAsync(influx.Uri);
        await using var store = await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions
        {
            ServerUri = shim.Uri,
            Database = $"t{Guid.NewGuid():N}",
            WriteApi = api,
            Timeout = TimeSpan.FromSeconds(20),
        });
        List<WirePayload> batch = [Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), cars: 3), Payloads.Traffic("dev-a", 2, T0.AddMinutes(2), cars: 4)];

        shim.Stop();
        InfluxWriteException down = await Assert.ThrowsAsync<InfluxWriteException>(() => store.WriteBatchAsync(batch));
        Assert.True(down.IsTransient, down.Message);
        Assert.Equal((api, 0), (down.WriteApi, down.StatusCode));
        Assert.Contains(api == InfluxWriteApi.V2 ? "/api/v2/write" : "/write", down.Message, StringComparison.Ordinal);

        // What the ingest does: the same batch again, after the server came back.
        await shim.StartAgainAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new StoreWriteResult(2, 0), await store.WriteBatchAsync(batch));
        TrafficBins bins = await store.QueryTrafficAsync(new TrafficQuery(T0, T0.AddMinutes(15), BinWidth.FifteenMinutes, Kind: TrafficCountKind.Line));
        Assert.Equal(new int?[] { 7 }, Assert.Single(bins.Series, s => s.Class == "car").Counts);
        Assert.Equal(api == InfluxWriteApi.V2 ? 1 : 0, shim.V2Writes);
    }

    [InfluxTheory]
    [InlineData(InfluxWriteApi.V1)]
    [InlineData(InfluxWriteApi.V2)]
    public async Task A_400_from_the_server_is_a_permanent_error_that_names_the_field(InfluxWriteApi api)
    {
        InfluxServer influx = await server.GetAsync();
        await using var shim = await InfluxV2CompatShim.StartAsync(influx.Uri);
        string database = $"t{Guid.NewGuid():N}";
        await using var store = await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions { ServerUri = shim.Uri, Database = database, WriteApi = api });
        // Someone else wrote traffic "count" as a float: the store's integer counts now conflict, on every retry.
        using (var http = new HttpClient { BaseAddress = influx.Uri })
        using (var content = new StringContent("traffic,device=other count=1.5 1741593600000"))
        using (HttpResponseMessage written = await http.PostAsync(new Uri($"write?db={database}&precision=ms", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        }

        InfluxWriteException refused = await Assert.ThrowsAsync<InfluxWriteException>(() => store.WriteBatchAsync([Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), cars: 3)]));
        Assert.False(refused.IsTransient, refused.Message);
        Assert.Equal((api, 400), (refused.WriteApi, refused.StatusCode));
        Assert.Contains("field type conflict", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"count\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("traffic", refused.Message, StringComparison.Ordinal);
        Assert.Contains("permanent", refused.Message, StringComparison.Ordinal);
    }

    [InfluxTheory]
    [InlineData(InfluxWriteApi.V1)]
    [InlineData(InfluxWriteApi.V2)]
    public async Task A_cancelled_write_throws_OperationCanceledException_not_a_store_error(InfluxWriteApi api)
    {
        InfluxServer influx = await server.GetAsync();
        await using var shim = await InfluxV2CompatShim.StartAsync(influx.Uri);
        await using var store = await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions { ServerUri = shim.Uri, Database = $"t{Guid.NewGuid():N}", WriteApi = api });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteBatchAsync([Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), cars: 1)], cancelled.Token));
        Assert.Empty(await store.GetLastSeqAsync());
    }

    [InfluxFact]
    public async Task Without_CreateDatabase_open_sends_nothing_and_v2_writes_go_to_the_existing_database()
    {
        InfluxServer influx = await server.GetAsync();
        await using var shim = await InfluxV2CompatShim.StartAsync(influx.Uri);
        string database = $"t{Guid.NewGuid():N}";
        await (await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions { ServerUri = influx.Uri, Database = database })).DisposeAsync();

        await using var store = await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions
        {
            ServerUri = shim.Uri,
            Database = database,
            WriteApi = InfluxWriteApi.V2,
            CreateDatabase = false,
        });
        Assert.Equal((0, 0), (shim.V2Writes, shim.PassedThrough));
        await store.WriteBatchAsync([Payloads.Traffic("dev-a", 9, T0.AddMinutes(1), cars: 2)]);
        Assert.Equal(9, (await store.GetLastSeqAsync())["dev-a"]);
        Assert.Equal(1, shim.V2Writes);
    }

    [Theory]
    [InlineData("v1-bucket", "InfluxStoreOptions.Bucket")]
    [InlineData("v1-gzip", "InfluxStoreOptions.Gzip")]
    [InlineData("v2-no-org", "InfluxStoreOptions.Org")]
    [InlineData("v2-blank-bucket", "InfluxStoreOptions.Bucket")]
    [InlineData("v2-slash-database", "InfluxStoreOptions.Database")]
    [InlineData("unknown-api", "InfluxStoreOptions.WriteApi")]
    [InlineData("password-without-user", "InfluxStoreOptions.Password")]
    [InlineData("blank-token", "InfluxStoreOptions.Token")]
    [InlineData("policy-with-slash", "InfluxStoreOptions.RetentionPolicy")]
    [InlineData("zero-timeout", "InfluxStoreOptions.Timeout")]
    [InlineData("no-server", "InfluxStoreOptions.ServerUri")]
    public async Task Bad_options_fail_at_open_with_an_error_naming_the_option(string mistake, string option)
    {
        // Port 9 (discard) on loopback: validation must fail before anything is contacted.
        var options = new InfluxStoreOptions { ServerUri = new Uri("http://127.0.0.1:9/") };
        switch (mistake)
        {
            case "v1-bucket": options.Bucket = "smartcity/autogen"; break;
            case "v1-gzip": options.Gzip = true; break;
            case "v2-no-org": (options.WriteApi, options.Org) = (InfluxWriteApi.V2, ""); break;
            case "v2-blank-bucket": (options.WriteApi, options.Bucket) = (InfluxWriteApi.V2, " "); break;
            case "v2-slash-database": (options.WriteApi, options.Database) = (InfluxWriteApi.V2, "a/b"); break;
            case "unknown-api": options.WriteApi = (InfluxWriteApi)7; break;
            case "password-without-user": options.Password = "secret"; break;
            case "blank-token": options.Token = ""; break;
            case "policy-with-slash": options.RetentionPolicy = "a/b"; break;
            case "zero-timeout": options.Timeout = TimeSpan.Zero; break;
            case "no-server": options.ServerUri = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null);
        }

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => InfluxV1TimeSeriesStore.OpenAsync(options));
        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_v2_bucket_defaults_to_database_slash_policy_as_InfluxDB_1_8_maps_it()
    {
        Assert.Equal("smartcity", new InfluxStoreOptions().EffectiveBucket);
        Assert.Equal("smartcity/autogen", new InfluxStoreOptions { RetentionPolicy = "autogen" }.EffectiveBucket);
        Assert.Equal("city-data", new InfluxStoreOptions { RetentionPolicy = "autogen", Bucket = "city-data" }.EffectiveBucket);
        Assert.Equal("u:p", new InfluxStoreOptions { Username = "u", Password = "p" }.EffectiveWriteToken);
        Assert.Equal("tok", new InfluxStoreOptions { Username = "u", Password = "p", Token = "tok" }.EffectiveWriteToken);
        Assert.Null(new InfluxStoreOptions().EffectiveWriteToken);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(408, true)]
    [InlineData(413, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public void Only_no_answer_timeouts_throttling_and_5xx_are_transient(int status, bool transient) =>
        Assert.Equal(transient, InfluxWriteException.IsTransientStatus(status));

    private static async Task<string> QueryRawAsync(Uri server, string database, string influxQl)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["db"] = database, ["epoch"] = "ms", ["q"] = influxQl });
        string query = await form.ReadAsStringAsync();
        using HttpResponseMessage response = await http.GetAsync(new Uri("query?" + query, UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
