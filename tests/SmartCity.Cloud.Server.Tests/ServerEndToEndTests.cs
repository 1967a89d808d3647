using System.Net.Http.Json;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>
/// The main-job host in-process: embedded broker, ingest, DuckDB store, HTTP API and two simulated devices running
/// real pipelines (synthetic scenes, simulated sensors), with 5-second intervals so data shows up quickly.
/// </summary>
public sealed class ServerEndToEndTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("smartcity-server-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Two_devices_land_traffic_and_air_with_contiguous_seqs_go_online_and_then_offline()
    {
        var output = new StringWriter();
        var options = new ServerOptions
        {
            Devices = 2,
            DataFolder = _data,
            HttpPort = 0,
            HttpPortExplicit = true,
            BrokerPort = 0,
            BrokerPortExplicit = true,
            Interval = TimeSpan.FromSeconds(5),
            ReportEvery = TimeSpan.FromSeconds(5),
        };
        await using var server = new SmartCityServer(options, TextWriter.Synchronized(output), NullLoggerFactory.Instance);
        // The run is stopped (as by Ctrl+C) once both devices have been online for two full intervals, not after a
        // fixed time: under a full test suite's load on two cores the devices took longer than a fixed 22 s run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var stopRun = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = server.RunAsync(stopRun.Token);
        await server.Started.WaitAsync(timeout.Token);

        // While it runs: the HTTP API is real, and both devices come online.
        using var http = new HttpClient { BaseAddress = server.HttpUrl, Timeout = TimeSpan.FromSeconds(10) };
        string[] ids = ["sim-edge-01", "sim-edge-02"];
        await PollAsync(() => ids.All(id => server.Live.States.TryGetValue(id, out var s) && s == DeviceState.Online), timeout.Token);
        using (var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/health", UriKind.Relative), timeout.Token)))
        {
            Assert.Equal(server.BrokerPort, health.RootElement.GetProperty("broker").GetProperty("port").GetInt32());
            Assert.True(health.RootElement.GetProperty("broker").GetProperty("embedded").GetBoolean());
        }

        await PollAsync(async () =>
        {
            var devices = await http.GetFromJsonAsync<JsonElement>(new Uri("api/devices", UriKind.Relative), timeout.Token);
            return devices.EnumerateArray().Count(d => d.GetProperty("state").GetString() == "online") == 2;
        }, timeout.Token);

        await PollAsync(() => server.Devices.All(d =>
        {
            var c = d.GetCounters();
            return c.TrafficIntervals >= 2 && c.AirIntervals >= 2 && c.AckedSeq == c.LastSeq;
        }), timeout.Token);
        stopRun.Cancel();
        Assert.Equal(0, await run);
        double ranSeconds = clock.Elapsed.TotalSeconds;
        string console = output.ToString();
        Assert.Contains($"mqtt://127.0.0.1:{server.BrokerPort}", console, StringComparison.Ordinal);
        Assert.Contains(server.DatabasePath!, console, StringComparison.Ordinal);
        Assert.Contains("ingested", console, StringComparison.Ordinal);
        Assert.Contains("SELECT", console, StringComparison.Ordinal);

        // After the stop: every device said "offline" and the ingest received it.
        foreach (var id in ids)
        {
            Assert.Equal(DeviceState.Offline, server.Live.States[id]);
        }

        var ingest = server.FinalIngestStats!;
        Assert.Equal(0, ingest.DeadLettered);

        // The store: traffic and air intervals of both devices, seqs 1..N without a hole, N = what the device sent.
        using var db = new DuckDBConnection($"Data Source={server.DatabasePath};ACCESS_MODE=READ_ONLY");
        db.Open();
        foreach (var device in server.Devices)
        {
            var counters = device.GetCounters();
            Assert.True(counters.LastSeq > 0, $"{device.DeviceId} sent nothing");
            Assert.Equal(counters.LastSeq, counters.AckedSeq);
            Assert.Equal(0, counters.Refused);

            var seqs = Query(db, $"SELECT seq FROM message WHERE device = '{device.DeviceId}' AND kind <> 'status' ORDER BY seq", r => r.GetInt64(0));
            Assert.Equal(Enumerable.Range(1, (int)counters.LastSeq).Select(i => (long)i), seqs);

            long traffic = Scalar(db, $"SELECT count(*) FROM coverage WHERE device = '{device.DeviceId}'");
            long air = Scalar(db, $"SELECT count(DISTINCT start) FROM air WHERE device = '{device.DeviceId}'");
            Assert.True(traffic >= 2, $"{device.DeviceId}: {traffic} traffic intervals");
            Assert.True(air >= 2, $"{device.DeviceId}: {air} air intervals");
            // One air summary per 5 s interval (plus the partial first and last): no empty zero-length intervals.
            Assert.True(counters.AirIntervals <= (int)(ranSeconds / 5) + 3, $"{device.DeviceId}: {counters.AirIntervals} air messages in {ranSeconds:F0} s");
            Assert.Equal(counters.TrafficIntervals, Scalar(db, $"SELECT count(*) FROM message WHERE device = '{device.DeviceId}' AND kind = 'traffic'"));
            Assert.Equal(counters.AirIntervals, Scalar(db, $"SELECT count(*) FROM message WHERE device = '{device.DeviceId}' AND kind = 'air'"));
            Assert.True(Scalar(db, $"SELECT count(*) FROM status WHERE device = '{device.DeviceId}' AND state = 'online'") >= 1);
            Assert.Equal(device.Site, Query(db, $"SELECT DISTINCT site FROM coverage WHERE device = '{device.DeviceId}'", r => r.GetString(0)).Single());
        }
    }

    private static async Task PollAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(100, ct);
        }
    }

    private static async Task PollAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        while (!await condition())
        {
            await Task.Delay(200, ct);
        }
    }

    private static long Scalar(DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<T> Query<T>(DuckDBConnection db, string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
