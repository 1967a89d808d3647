using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SmartCity.Bench.Ingest.Fleet;
using SmartCity.Cloud.Storage.DuckDb;
using SmartCity.Contracts;

namespace SmartCity.Bench.Ingest.Commands;

/// <summary>
/// <c>profile</c>: the ingest's stages one at a time on the bench payloads, single-threaded, to tell which one limits
/// <c>ingest</c>: JSON parse + validation (WireJson.TryDeserialize), DuckDB batch writes (flatten, appender, commit).
/// </summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var messages = new Option<int>("--messages") { DefaultValueFactory = _ => 200_000, Description = "Messages per stage." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 5000, Description = "Messages per DuckDB transaction." };
        var checkpoint = new Option<int>("--checkpoint-mib") { DefaultValueFactory = _ => new DuckDbStoreOptions().CheckpointThresholdMiB, Description = "DuckDB checkpoint threshold (WAL size), MiB." };
        var command = new Command("profile", "Per-stage CPU cost of the ingest path on one thread, after a warm-up pass: JSON parse, validation, DuckDB batch write.") { messages, batch, checkpoint };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetRequiredValue(messages), parse.GetRequiredValue(batch), parse.GetRequiredValue(checkpoint), ct).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(int count, int batchSize, int checkpointMiB, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        const int devices = 1000;
        var wire = new List<(MessageKind Kind, byte[] Json)>(count);
        DateTimeOffset t0 = DateTimeOffset.UtcNow;
        for (int i = 0; i < count; i++)
        {
            string device = FleetOptions.DeviceId("bench-", i % devices);
            long seq = (i / devices) + 1;
            WirePayload p = seq % 2 == 1 ? BenchPayloads.Traffic(device, seq, t0.AddMilliseconds(i), 10) : BenchPayloads.Air(device, seq, t0.AddMilliseconds(i), 10);
            wire.Add((p.Kind, WireJson.Serialize(p)));
        }

        Console.WriteLine(string.Create(c, $"{count} messages, mean {wire.Average(static w => w.Json.Length):F0} bytes of JSON"));

        // Warm-up: the ingest is a long-running process, so its steady state is tier-1 code. Without this pass the
        // first stage measured would mostly be the JIT compiling the deserializers.
        for (int round = 0; round < 3; round++)
        {
            foreach ((MessageKind kind, byte[] json) in wire.Take(Math.Min(count, 20_000)))
            {
                _ = WireJson.TryDeserialize(json, kind, out _, out _);
            }
        }

        var parsed = new List<WirePayload>(count);
        double cpu0 = ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        foreach ((MessageKind kind, byte[] json) in wire)
        {
            if (!WireJson.TryDeserialize(json, kind, out WirePayload? payload, out string? error))
            {
                throw new InvalidOperationException(error);
            }

            parsed.Add(payload);
        }

        Report("JSON parse (WireJson.TryDeserialize)", count, clock.Elapsed.TotalSeconds, ProcessCpuSeconds() - cpu0);

        cpu0 = ProcessCpuSeconds();
        clock.Restart();
        foreach (WirePayload payload in parsed)
        {
            if (!WireValidator.TryValidate(payload.Device, payload, out string? invalid))
            {
                throw new InvalidOperationException(invalid);
            }
        }

        Report("validate (WireValidator)", count, clock.Elapsed.TotalSeconds, ProcessCpuSeconds() - cpu0);

        string folder = Directory.CreateTempSubdirectory("smartcity-profile-").FullName;
        try
        {
            await using var store = new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = folder, CheckpointThresholdMiB = checkpointMiB });
            await using (var warm = new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = folder, FileName = "warm.duckdb" }))
            {
                for (int at = 0; at < Math.Min(parsed.Count, 20_000); at += batchSize)
                {
                    await warm.WriteBatchAsync(parsed.GetRange(at, Math.Min(batchSize, parsed.Count - at)), cancellationToken).ConfigureAwait(false);
                }
            }

            cpu0 = ProcessCpuSeconds();
            clock.Restart();
            for (int at = 0; at < parsed.Count; at += batchSize)
            {
                await store.WriteBatchAsync(parsed.GetRange(at, Math.Min(batchSize, parsed.Count - at)), cancellationToken).ConfigureAwait(false);
            }

            Report(string.Create(c, $"DuckDB WriteBatchAsync ({batchSize}/batch)"), count, clock.Elapsed.TotalSeconds, ProcessCpuSeconds() - cpu0);
            long wal = new FileInfo(Path.Combine(folder, "timeseries.duckdb.wal")) is { Exists: true } w ? w.Length : 0;
            Console.WriteLine(string.Create(c, $"  WAL now {wal / 1048576.0:F1} MiB ({(double)wal / count:F0} bytes/msg; checkpoint at {checkpointMiB} MiB)"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The dedupe key alone, outside the store: what the (device, seq) primary key costs per message compared with
        // appending the same rows to a table without a key.
        foreach (bool keyed in new[] { true, false })
        {
            string raw = Directory.CreateTempSubdirectory("smartcity-profile-raw-").FullName;
            try
            {
                using var db = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(raw, "raw.duckdb")}");
                db.Open();
                Exec(db, keyed
                    ? "CREATE TABLE message (device VARCHAR NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (device, seq)); CREATE TEMP TABLE stage (device VARCHAR, seq BIGINT);"
                    : "CREATE TABLE message (device VARCHAR NOT NULL, seq BIGINT NOT NULL);");
                cpu0 = ProcessCpuSeconds();
                clock.Restart();
                for (int at = 0; at < parsed.Count; at += batchSize)
                {
                    using var tx = db.BeginTransaction();
                    using (var appender = keyed ? db.CreateAppender("temp", "main", "stage") : db.CreateAppender("message"))
                    {
                        for (int i = at; i < Math.Min(parsed.Count, at + batchSize); i++)
                        {
                            appender.CreateRow().AppendValue(parsed[i].Device).AppendValue(parsed[i].Seq).EndRow();
                        }
                    }

                    if (keyed)
                    {
                        Exec(db, "INSERT INTO message SELECT * FROM stage ON CONFLICT DO NOTHING; DELETE FROM stage;");
                    }

                    tx.Commit();
                }

                Report(keyed ? "  raw: (device, seq) into the keyed table" : "  raw: (device, seq) appended, no key", count, clock.Elapsed.TotalSeconds, ProcessCpuSeconds() - cpu0);
            }
            finally
            {
                Directory.Delete(raw, recursive: true);
            }
        }

        return 0;
    }

    private static void Exec(DuckDB.NET.Data.DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static double ProcessCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void Report(string stage, int count, double seconds, double cpu) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage,-40} {count / seconds,9:F0} msg/s wall, {1e6 * cpu / count,6:F1} µs CPU/msg ({100 * cpu / seconds:F0} % of one core)"));
}
