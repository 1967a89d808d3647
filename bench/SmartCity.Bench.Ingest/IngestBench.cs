using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCity.Bench.Ingest.Audit;
using SmartCity.Bench.Ingest.Commands;
using SmartCity.Bench.Ingest.Fleet;
using SmartCity.Bench.Ingest.Measure;
using SmartCity.Cloud.Ingest;
using SmartCity.Cloud.Storage.DuckDb;
using SmartCity.Contracts;
using SmartCity.TestServers;

namespace SmartCity.Bench.Ingest;

/// <summary>
/// One <c>bench ingest</c> run: Mosquitto (per-device users and ACL), the simulated fleet as a child process, one
/// <see cref="IngestService"/> into a <see cref="DuckDbTimeSeriesStore"/> in this process, and <c>mosquitto_sub</c> on the
/// same stream; then the seq audit of the store file.
/// </summary>
internal sealed class IngestBench(IngestBenchOptions options, TextWriter output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var brokerOptions = new MosquittoServerOptions { MaxQueuedMessages = 0, MaxInflightMessages = 0 };
        for (int i = 0; i < options.Devices; i++)
        {
            string id = FleetOptions.DeviceId("bench-", i);
            brokerOptions.Devices[id] = FleetOptions.PasswordFor(id);
        }

        MosquittoServer? started = null;
        BrokerEndpoint broker;
        if (options.ExternalBroker is { } external)
        {
            output.WriteLine($"using the broker at {external.Host}:{external.Port} (devices log in as their id with password pw-{{id}})");
            broker = external;
        }
        else
        {
            output.WriteLine(string.Create(C, $"starting mosquitto with {options.Devices} device users …"));
            started = await MosquittoServer.StartAsync(brokerOptions, cancellationToken).ConfigureAwait(false);
            broker = new BrokerEndpoint(MosquittoServer.Host, started.Port, started.IngestUser, started.IngestPassword, started.ProcessId);
        }

        await using var ownedBroker = started;
        string folder = options.DataFolder ?? Directory.CreateTempSubdirectory("smartcity-bench-ingest-").FullName;
        var storeOptions = new DuckDbStoreOptions { DataFolder = folder, FileName = "bench.duckdb", CheckpointThresholdMiB = options.CheckpointThresholdMiB };
        var latency = new LatencyRecorder();
        var stored = new RateWindow();
        var published = new RateWindow();
        IngestStats stats;
        string countsPath = Path.Combine(folder, "published.txt");
        FleetResult fleet;
        MosquittoSubDrain? sub = null;
        double ingestCpu, brokerCpu, subCpu = double.NaN, seconds, closeCpu;
        try
        {
            await using (var store = new DuckDbTimeSeriesStore(storeOptions))
            {
                using var deadLetters = new FileDeadLetterStore(Path.Combine(folder, "dead-letters"));
                var ingestOptions = new IngestOptions
                {
                    BrokerHost = broker.Host,
                    BrokerPort = broker.Port,
                    ClientId = "bench-ingest-1",
                    Username = broker.IngestUser,
                    Password = broker.IngestPassword,
                    MaxBatchMessages = options.MaxBatchMessages,
                    ReceiveMaximum = Math.Min(ushort.MaxValue, options.MaxBatchMessages * 3),
                    MaxBatchDelay = options.MaxBatchDelay,
                    // No faults here: a hole is reordering, not loss; keep the resend path quiet.
                    GapGrace = TimeSpan.FromMinutes(5),
                };
                // Warnings and errors of the ingest (store retries, dead letters, a failing loop) go to stderr: a run
                // that stalls says why.
                using var logs = LoggerFactory.Create(static b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
                await using var ingest = new IngestService(store, deadLetters, ingestOptions, logs.CreateLogger<IngestService>());
                ingest.BatchStored += latency.OnBatch;
                await ingest.StartAsync(cancellationToken).ConfigureAwait(false);
                await WaitAsync(() => ingest.GetStats().Connected, TimeSpan.FromSeconds(30), "the ingest did not connect", cancellationToken).ConfigureAwait(false);
                if (options.MosquittoSub && MosquittoServer.FindMosquittoSub() is { } subExe)
                {
                    sub = MosquittoSubDrain.Start(subExe, broker.Host, broker.Port, broker.IngestUser, broker.IngestPassword, Topics.UplinkFilter);
                }
                else if (options.MosquittoSub)
                {
                    output.WriteLine("mosquitto_sub not found (apt-get install mosquitto-clients): no raw drain rate this run");
                }

                var clock = Stopwatch.StartNew();
                double cpu0 = ProcessCpu.Self(), broker0 = broker.ProcessId is { } bp ? ProcessCpu.Seconds(bp) : double.NaN;
                double sub0 = sub is null ? 0 : ProcessCpu.Seconds(sub.ProcessId);
                using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task sampling = SampleAsync(stored, latency, clock, stopSampling.Token);
                fleet = await RunFleetAsync(broker.Host, broker.Port, countsPath, published, clock, () => latency.Stored, sub, cancellationToken).ConfigureAwait(false);

                long expected = fleet.Expected;
                output.WriteLine(string.Create(C, $"devices done: {fleet.Line}"));
                var drainClock = Stopwatch.StartNew();
                while (latency.Stored < expected && drainClock.Elapsed < options.DrainTimeout)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }

                await stopSampling.CancelAsync().ConfigureAwait(false);
                await sampling.ConfigureAwait(false);
                stored.Add(clock.Elapsed.TotalSeconds, latency.Stored);

                while (sub is not null && sub.Count < expected && drainClock.Elapsed < options.DrainTimeout)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }

                seconds = clock.Elapsed.TotalSeconds;
                ingestCpu = ProcessCpu.Self() - cpu0;
                brokerCpu = broker.ProcessId is { } bp2 ? ProcessCpu.Seconds(bp2) - broker0 : double.NaN;
                if (sub is not null)
                {
                    subCpu = ProcessCpu.Seconds(sub.ProcessId) - sub0;
                }

                stats = ingest.GetStats();
                await ingest.StopAsync(cancellationToken).ConfigureAwait(false);
                closeCpu = ProcessCpu.Self();
            }

            // Closing the store checkpoints what is still in the WAL: work the run deferred, so it is reported too.
            closeCpu = ProcessCpu.Self() - closeCpu;

            SeqAuditReport audit = StoreAudit.Run(storeOptions.DatabasePath, fleet.Ranges, BenchPayloads.AirQuantities);
            Report(fleet, stats, latency, stored, published, sub, audit, ingestCpu, brokerCpu, subCpu, seconds, closeCpu);
            return audit.Clean && fleet.ExitCode == 0 ? 0 : 1;
        }
        finally
        {
            if (sub is not null)
            {
                await sub.DisposeAsync().ConfigureAwait(false);
            }

            if (options.DataFolder is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private async Task<FleetResult> RunFleetAsync(string host, int port, string countsPath, RateWindow published, Stopwatch clock, Func<long> sampleStored,
        MosquittoSubDrain? sub, CancellationToken cancellationToken)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var args = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            args.Add(typeof(IngestBench).Assembly.Location);
        }

        args.AddRange([DevicesCommand.Name, "--host", host, "--port", port.ToString(C), "--devices", options.Devices.ToString(C),
            "--period-ms", options.Period.TotalMilliseconds.ToString(C), "--window", options.Window.ToString(C),
            "--duration-s", options.Duration.TotalSeconds.ToString(C), "--counts", countsPath]);
        using var child = new Process { StartInfo = new ProcessStartInfo(self, args) { RedirectStandardOutput = true, UseShellExecute = false } };
        child.Start();
        string? done = null;
        double childCpu = double.NaN;
        while (await child.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("progress ", StringComparison.Ordinal))
            {
                long sent = long.Parse(Field(line, "sent"), C);
                published.Add(clock.Elapsed.TotalSeconds, sent);
                long s = sampleStored();
                output.WriteLine(string.Create(C,
                    $"  t={clock.Elapsed.TotalSeconds,6:F1}s  published {sent,9}  acked {Field(line, "acked"),9}  stored {s,9}  backlog {sent - s,8}")
                    + (sub is null ? "" : string.Create(C, $"  mosquitto_sub {sub.Count,9}")));
            }
            else if (line.StartsWith("done ", StringComparison.Ordinal))
            {
                done = line;
                published.Add(clock.Elapsed.TotalSeconds, long.Parse(Field(line, "sent"), C));
                childCpu = double.Parse(Field(line, "cpu_s"), C);

                // The result is in (and the counts file written): do not let a child that hangs while closing its
                // 1000 sockets hold the run (seen twice in paced runs: no output after this line for minutes).
                break;
            }
            else
            {
                output.WriteLine("  devices: " + line);
            }
        }

        using (var exitWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            exitWait.CancelAfter(done is null ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(30));
            try
            {
                await child.WaitForExitAsync(exitWait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                output.WriteLine("  devices: the fleet did not exit within 30 s of its result; killed");
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (child.ExitCode != 0)
        {
            output.WriteLine(string.Create(C, $"  devices: the fleet exited with {child.ExitCode}"));
        }

        if (done is null || !File.Exists(countsPath))
        {
            throw new InvalidOperationException($"the device fleet exited with {child.ExitCode} without a result");
        }

        var ranges = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        long expected = 0;
        foreach (string row in await File.ReadAllLinesAsync(countsPath, cancellationToken).ConfigureAwait(false))
        {
            string[] parts = row.Split(' ');
            long last = long.Parse(parts[1], C);
            if (last > 0)
            {
                ranges[parts[0]] = (1, last);
                expected += last;
            }
        }

        return new FleetResult(done, child.ExitCode, expected, ranges, childCpu, double.Parse(Field(done, "publish_s"), C));
    }

    private void Report(FleetResult fleet, IngestStats stats, LatencyRecorder latency, RateWindow stored, RateWindow published, MosquittoSubDrain? sub,
        SeqAuditReport audit, double ingestCpu, double brokerCpu, double subCpu, double seconds, double closeCpu)
    {
        (double p50, double p99, double max, long n) = latency.Percentiles();
        double ingestRate = stored.SustainedRate(fleet.Expected);
        double publishRate = published.SustainedRate(fleet.Expected);
        double subRate = sub?.SustainedRate(fleet.Expected) ?? double.NaN;
        string mode = options.Window == 0
            ? string.Create(C, $"paced: {options.Devices} devices × 1 message / {options.Period.TotalSeconds:0.###} s = {options.Devices / options.Period.TotalSeconds:0} msg/s offered")
            : string.Create(C, $"max throughput: {options.Devices} devices, {options.Window} publishes in flight each");
        output.WriteLine();
        output.WriteLine("== bench ingest ==");
        output.WriteLine($"mode                   {mode}, {options.Duration.TotalSeconds:0} s of publishing");
        output.WriteLine(string.Create(C, $"published              {fleet.Expected} messages ({fleet.Line})"));
        output.WriteLine(string.Create(C, $"publish rate           {publishRate:F0} msg/s (sustained, 5–95 %)"));
        output.WriteLine(string.Create(C, $"ingested into DuckDB   {ingestRate:F0} msg/s (sustained, 5–95 %); stored {latency.Stored}, duplicates {stats.Duplicates}, batches {stats.Batches}, dead-lettered {stats.DeadLettered}")
            + string.Create(C, $"; received {stats.Received}, store retries {stats.StoreRetries}, ingest reconnects {stats.Reconnects}, abandoned {stats.AbandonedOnDisconnect}, seqs given up {stats.SeqsGivenUp}"));
        if (sub is not null)
        {
            output.WriteLine(string.Create(C, $"mosquitto_sub drain    {subRate:F0} msg/s (sustained, 5–95 %), received {sub.Count}; ingest / raw drain = {ingestRate / subRate:F2}"));
        }

        output.WriteLine(string.Create(C, $"latency publish→query  p50 {p50:F0} ms, p99 {p99:F0} ms, max {max:F0} ms over {n} messages"));
        output.WriteLine(string.Create(C, $"CPU (% of one core)    ingest+DuckDB process {100 * ingestCpu / seconds:F0} %, mosquitto {100 * brokerCpu / seconds:F0} %, device fleet {100 * fleet.CpuSeconds / seconds:F0} % (whole run), mosquitto_sub {100 * subCpu / seconds:F0} %; {Environment.ProcessorCount} cores, {seconds:F1} s wall"));
        // CPU per message: what the run cost whatever else shared the machine; the sum bounds what these processes
        // alone could do on the machine's cores.
        double perMessage = 1e6 / Math.Max(1, fleet.Expected);
        double total = ingestCpu + (double.IsNaN(brokerCpu) ? 0 : brokerCpu) + fleet.CpuSeconds + (sub is null ? 0 : subCpu);
        output.WriteLine(string.Create(C,
            $"CPU per message        ingest+DuckDB {ingestCpu * perMessage:F1} µs, mosquitto {brokerCpu * perMessage:F1} µs, device fleet {fleet.CpuSeconds * perMessage:F1} µs, mosquitto_sub {subCpu * perMessage:F1} µs; ") +
            string.Create(C, $"sum {total * perMessage:F1} µs → {Environment.ProcessorCount} cores could carry {Environment.ProcessorCount * 1e6 / (total * perMessage):F0} msg/s"));
        output.WriteLine(string.Create(C,
            $"DuckDB close           checkpoint of the WAL left at the end (threshold {options.CheckpointThresholdMiB} MiB): {closeCpu:F1} s CPU = {closeCpu * perMessage:F1} µs/msg; ingest incl. it {(ingestCpu + closeCpu) * perMessage:F1} µs/msg"));
        output.WriteLine($"audit (seq)            {audit} → {(audit.Clean ? "CLEAN" : "FAILED")}");
    }

    /// <summary>Samples the stored count every 100 ms: the progress lines alone are too coarse for the 5–95 % window.</summary>
    private static async Task SampleAsync(RateWindow stored, LatencyRecorder latency, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                stored.Add(clock.Elapsed.TotalSeconds, latency.Stored);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }
    }

    private static string Field(string line, string name)
    {
        int at = line.IndexOf(name + "=", StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        int start = at + name.Length + 1;
        int end = line.IndexOf(' ', start);
        return end < 0 ? line[start..] : line[start..end];
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record FleetResult(string Line, int ExitCode, long Expected, IReadOnlyDictionary<string, (long First, long Last)> Ranges, double CpuSeconds, double PublishSeconds);
}
