using System.Diagnostics;
using System.Globalization;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.TestServers;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>
/// The four fault runs of the issue, each ending with the store audit (zero lost, zero duplicated, by seq):
/// broker <c>kill -9</c>/restart cycles under load, edge publisher <c>kill -9</c> cycles (a child process), a network cut
/// between edge and broker (<see cref="LoopbackTcpProxy"/>), and an ingest node dropped without DISCONNECT while a second
/// one carries on. The same code runs shortened in the fault tests and full-length from <c>bench faults</c>.
/// </summary>
/// <param name="log">Progress lines.</param>
/// <param name="childProcess">How to start the edge publisher child with the given arguments (<see cref="EdgePublisherChild"/>).</param>
/// <param name="drainTimeout">Longest wait for everything published to be stored after the devices stop.</param>
public sealed class FaultScenarios(TextWriter log, Func<IReadOnlyList<string>, ProcessStartInfo> childProcess, TimeSpan drainTimeout)
{
    private const int Devices = 4;
    private readonly Random _random = new(20_261_126);

    /// <summary>Broker <c>kill -9</c> then restart on the same port and data folder, <paramref name="cycles"/> times, while four
    /// devices publish 50 messages/s each. Messages the broker acknowledged and lost come back through the ingest's
    /// resend requests, so the run keeps publishing a few seconds after the last kill to expose every hole.</summary>
    public async Task<FaultRunResult> BrokerKillsAsync(int cycles, CancellationToken cancellationToken = default)
    {
        string[] ids = DeviceIds("brk");
        await using FaultRig rig = await FaultRig.StartAsync(ids, log, cancellationToken).ConfigureAwait(false);
        await rig.StartNodeAsync("ingest-a", null, cancellationToken).ConfigureAwait(false);
        List<InProcessEdge> edges = StartEdges(rig, ids, rig.Broker.Port, 50);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            for (int i = 1; i <= cycles; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(800, 2500)), cancellationToken).ConfigureAwait(false);
                rig.Broker.Kill();
                await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(100, 1000)), cancellationToken).ConfigureAwait(false);
                await rig.Broker.RestartAsync(cancellationToken).ConfigureAwait(false);
                Progress(rig, $"broker kill -9 #{i}/{cycles}: restarted (pid {rig.Broker.ProcessId})", edges);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(rig, "broker kill -9/restart under load", cycles, edges, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAllAsync(edges).ConfigureAwait(false);
        }
    }

    /// <summary>The edge publisher (outbox + pump of three devices, 40 messages/s each, in a child process) killed with
    /// <c>kill -9</c> <paramref name="cycles"/> times at random moments, restarted each time; the last run completes.</summary>
    public async Task<FaultRunResult> EdgeKillsAsync(int cycles, CancellationToken cancellationToken = default)
    {
        string[] ids = DeviceIds("edg")[..3];
        const double rate = 40;
        await using FaultRig rig = await FaultRig.StartAsync(ids, log, cancellationToken).ConfigureAwait(false);
        await rig.StartNodeAsync("ingest-a", null, cancellationToken).ConfigureAwait(false);
        string outboxes = Path.Combine(rig.Folder, "outboxes");
        // Enough seqs that no run before the last one can finish: about 2.5 s per cycle at 40/s, plus a tail.
        long target = (long)(rate * (cycles * 4.0 + 5));
        IReadOnlyList<string> args = EdgePublisherChild.Arguments(rig.Broker.Port, outboxes, rate, target, ids);
        int kills = 0;
        for (int i = 1; i <= cycles; i++)
        {
            using Process child = StartChild(args);
            await WaitForLineAsync(child, "started", TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(700, 2500)), cancellationToken).ConfigureAwait(false);
            if (child.HasExited)
            {
                throw new InvalidOperationException($"the edge publisher exited with {child.ExitCode} before kill #{i}: raise the target");
            }

            child.Kill(); // SIGKILL: no flush, no DISCONNECT, the broker publishes the will
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            kills++;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  edge publisher kill -9 #{i}/{cycles} at {rig.Elapsed.TotalSeconds:F1} s"));
        }

        IReadOnlyDictionary<string, (long First, long Last)> ranges;
        using (Process last = StartChild(args))
        {
            await WaitForLineAsync(last, "complete", TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
            string? latest = null;
            Task reader = Task.Run(async () =>
            {
                while (await last.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("seqs ", StringComparison.Ordinal))
                    {
                        Volatile.Write(ref latest, line);
                    }
                }
            }, cancellationToken);
            ranges = await WaitStableAsync(rig, () => Volatile.Read(ref latest) is { } line ? ParseSeqs(line) : null, cancellationToken).ConfigureAwait(false);
            last.Kill();
            await last.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await reader.ConfigureAwait(false);
        }

        string outboxCheck = CheckOutboxes(outboxes, ranges);
        return await rig.FinishAsync("edge publisher kill -9", kills, ranges, outboxCheck).ConfigureAwait(false);
    }

    /// <summary>A cut of <paramref name="length"/> between four devices (20 messages/s each) and the broker: the proxy
    /// swallows every byte (a dead mobile link, noticed only by keep-alive), then the link comes back.</summary>
    public async Task<FaultRunResult> NetworkCutAsync(TimeSpan length, CancellationToken cancellationToken = default)
    {
        string[] ids = DeviceIds("cut");
        await using FaultRig rig = await FaultRig.StartAsync(ids, log, cancellationToken).ConfigureAwait(false);
        await rig.StartNodeAsync("ingest-a", null, cancellationToken).ConfigureAwait(false);
        var proxy = LoopbackTcpProxy.Start(rig.Broker.Port);
        rig.Own(proxy);
        List<InProcessEdge> edges = StartEdges(rig, ids, proxy.Port, 20);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            proxy.Cut(ProxyCutMode.Blackhole);
            long upAtCut = proxy.BytesUpstream;
            Progress(rig, $"network cut (blackhole) for {length.TotalSeconds:F0} s", edges);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < length)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, (length - clock.Elapsed).TotalSeconds))), cancellationToken).ConfigureAwait(false);
                Progress(rig, $"  cut for {clock.Elapsed.TotalSeconds:F0} s", edges);
            }

            bool silent = proxy.BytesUpstream == upAtCut;
            proxy.Restore();
            Progress(rig, "link restored", edges);
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(rig, $"network cut of {length.TotalSeconds:F0} s", 1, edges, cancellationToken,
                silent ? "no byte crossed during the cut" : "BYTES CROSSED DURING THE CUT").ConfigureAwait(false);
        }
        finally
        {
            await DisposeAllAsync(edges).ConfigureAwait(false);
        }
    }

    /// <summary>Two ingest nodes on the shared subscription; node A's connection is reset mid-stream (no DISCONNECT, as
    /// a crashed host) and A is gone for good, while node B carries on. Four devices publish 50 messages/s each.</summary>
    public async Task<FaultRunResult> IngestNodeKillAsync(CancellationToken cancellationToken = default)
    {
        string[] ids = DeviceIds("ing");
        await using FaultRig rig = await FaultRig.StartAsync(ids, log, cancellationToken).ConfigureAwait(false);
        var proxyA = LoopbackTcpProxy.Start(rig.Broker.Port);
        rig.Own(proxyA);
        var nodeA = await rig.StartNodeAsync("ingest-a", proxyA.Port, cancellationToken).ConfigureAwait(false);
        await rig.StartNodeAsync("ingest-b", null, cancellationToken).ConfigureAwait(false);
        List<InProcessEdge> edges = StartEdges(rig, ids, rig.Broker.Port, 50);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            long storedByA = nodeA.GetStats().Stored;
            proxyA.Cut(ProxyCutMode.Reset);
            await rig.StopNodeAsync(nodeA).ConfigureAwait(false);
            Progress(rig, $"ingest node A killed (connection reset, no DISCONNECT) after storing {storedByA}", edges);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            return await FinishAsync(rig, "ingest node killed, second node carries on", 1, edges, cancellationToken,
                string.Create(CultureInfo.InvariantCulture, $"node A stored {storedByA} before the kill")).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAllAsync(edges).ConfigureAwait(false);
        }
    }

    private static string[] DeviceIds(string tag) =>
        Enumerable.Range(0, Devices).Select(i => string.Create(CultureInfo.InvariantCulture, $"fault-{tag}-{i}")).ToArray();

    private static List<InProcessEdge> StartEdges(FaultRig rig, string[] ids, int port, double rate) =>
        ids.Select(id => new InProcessEdge(id, Path.Combine(rig.Folder, "outboxes", id), port, rate)).ToList();

    private static async Task DisposeAllAsync(List<InProcessEdge> edges)
    {
        foreach (InProcessEdge edge in edges)
        {
            await edge.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<FaultRunResult> FinishAsync(FaultRig rig, string name, int faults, List<InProcessEdge> edges, CancellationToken cancellationToken, string extra = "")
    {
        foreach (InProcessEdge edge in edges)
        {
            await edge.StopProducingAsync().ConfigureAwait(false);
        }

        IReadOnlyDictionary<string, (long First, long Last)> ranges = await WaitStableAsync(rig,
            () => edges.ToDictionary(static e => e.DeviceId, static e => (1L, e.LastSeq), StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        string details = string.Create(CultureInfo.InvariantCulture,
            $"edge reconnects {edges.Sum(static e => e.Health.Reconnects)}, re-sent {edges.Sum(static e => e.Health.Resent)}, outbox drops {edges.Sum(static e => e.Health.DroppedRecords)}")
            + (extra.Length > 0 ? "; " + extra : "");
        return await rig.FinishAsync(name, faults, ranges, details).ConfigureAwait(false);
    }

    /// <summary>Waits until everything published is stored; repeats while the devices' last seqs still move (each resend
    /// the cloud asks for is answered with a cmd-result, which takes a seq of its own). Returns the final ranges.</summary>
    private async Task<IReadOnlyDictionary<string, (long First, long Last)>> WaitStableAsync(FaultRig rig,
        Func<IReadOnlyDictionary<string, (long First, long Last)>?> current, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, (long First, long Last)>? ranges;
        while ((ranges = current()) is null)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            bool complete = await rig.WaitCompleteAsync(ranges, drainTimeout - clock.Elapsed, cancellationToken).ConfigureAwait(false);
            // Give a resend answer in flight a moment to show up as a higher seq.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            IReadOnlyDictionary<string, (long First, long Last)> now = current() ?? ranges;
            if (!complete || clock.Elapsed > drainTimeout || now.All(kv => ranges.TryGetValue(kv.Key, out var r) && r.Last == kv.Value.Last))
            {
                return now;
            }

            ranges = now;
        }
    }

    private static Dictionary<string, (long First, long Last)> ParseSeqs(string line)
    {
        var ranges = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (string part in line["seqs ".Length..].Split(','))
        {
            string[] kv = part.Split('=');
            ranges[kv[0]] = (1, long.Parse(kv[1], CultureInfo.InvariantCulture));
        }

        return ranges;
    }

    private void Progress(FaultRig rig, string what, List<InProcessEdge> edges) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {rig.Elapsed.TotalSeconds,6:F1} s  {what}; published {edges.Sum(static e => e.LastSeq)}, edge backlog {edges.Sum(static e => e.Health.OutboxDepthRecords)}"));

    private Process StartChild(IReadOnlyList<string> args)
    {
        ProcessStartInfo info = childProcess(args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var child = new Process { StartInfo = info };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                log.WriteLine("  edge publisher stderr: " + line);
            }
        };
        child.Start();
        child.BeginErrorReadLine();
        return child;
    }

    private static async Task WaitForLineAsync(Process child, string expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await child.StandardOutput.ReadLineAsync(cts.Token).ConfigureAwait(false) is { } line)
            {
                if (line == expected)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the edge publisher did not print '{expected}' within {timeout.TotalSeconds:0} s");
        }

        await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"the edge publisher exited with {child.ExitCode} before printing '{expected}'");
    }

    /// <summary>Every seq of the ranges must be in each outbox (the replay window keeps acknowledged records).</summary>
    private static string CheckOutboxes(string folder, IReadOnlyDictionary<string, (long First, long Last)> ranges)
    {
        var notes = new List<string>();
        foreach ((string id, (long _, long target)) in ranges)
        {
            using DiskOutbox outbox = DiskOutbox.Open(EdgeOptions.Outbox(Path.Combine(folder, id)));
            long expect = 1, count = 0;
            while (true)
            {
                IReadOnlyList<SmartCity.Edge.Uplink.Outbox.OutboxRecord> batch = outbox.ReadFrom(expect - 1, 4096, 16 * 1024 * 1024);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (SmartCity.Edge.Uplink.Outbox.OutboxRecord r in batch)
                {
                    if (r.Seq != expect)
                    {
                        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: seq {expect} missing from the outbox"));
                    }

                    expect = r.Seq + 1;
                    count++;
                }
            }

            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: outbox holds {count}/{target}, torn tails cut {outbox.TruncatedRecords}"));
        }

        return string.Join("; ", notes);
    }
}
