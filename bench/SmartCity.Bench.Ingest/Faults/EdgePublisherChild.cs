using System.Globalization;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>
/// The edge publisher as a child process, for the edge <c>kill -9</c> runs: per device an outbox in
/// <c>{folder}/{device}</c>, a producer appending at <c>rate</c> until seq <c>target</c>, and a publisher pump. Prints
/// <c>started</c>, then <c>complete</c> once every device's checkpoint reached its last seq, then keeps serving resend
/// requests and prints <c>seqs {device}={last},…</c> twice a second until killed (the parent audits the store meanwhile).
/// Arguments: <c>{port} {folder} {rate} {target} {device},{device},…</c>.
/// </summary>
public static class EdgePublisherChild
{
    /// <summary>The first argument that selects this mode in a host's Main.</summary>
    public const string Mode = "edge-publisher";

    /// <summary>Arguments after <see cref="Mode"/>.</summary>
    public static IReadOnlyList<string> Arguments(int port, string folder, double rate, long target, IEnumerable<string> devices) =>
        [Mode, port.ToString(CultureInfo.InvariantCulture), folder, rate.ToString(CultureInfo.InvariantCulture), target.ToString(CultureInfo.InvariantCulture), string.Join(',', devices)];

    /// <summary>Runs until complete (exit 0) or killed; <paramref name="args"/> as made by <see cref="Arguments"/> (without the mode).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count != 5)
        {
            await Console.Error.WriteLineAsync("usage: edge-publisher PORT FOLDER RATE TARGET DEVICE[,DEVICE…]").ConfigureAwait(false);
            return 2;
        }

        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        string folder = args[1];
        double rate = double.Parse(args[2], CultureInfo.InvariantCulture);
        long target = long.Parse(args[3], CultureInfo.InvariantCulture);
        string[] devices = args[4].Split(',');
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        using var stop = new CancellationTokenSource();
        var outboxes = new List<DiskOutbox>();
        var pumps = new List<Task>();
        var producers = new List<Task>();
        try
        {
            foreach (string device in devices)
            {
                DiskOutbox outbox = DiskOutbox.Open(EdgeOptions.Outbox(Path.Combine(folder, device)));
                outboxes.Add(outbox);
                var pump = new MqttPublisherPump(outbox, EdgeOptions.Uplink(device, port), EdgeOptions.Birth(device), EdgeOptions.Will(device));
                pumps.Add(Task.Run(() => pump.RunAsync(stop.Token)));
                producers.Add(Task.Run(() => ProduceAsync(outbox, device, rate, target, stop.Token)));
            }

            await stdout.WriteLineAsync("started").ConfigureAwait(false);
            await Task.WhenAll(producers).ConfigureAwait(false);
            while (outboxes.Any(static o => o.Checkpoint < o.DurableSeq))
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync("complete").ConfigureAwait(false);
            while (true)
            {
                await stdout.WriteLineAsync("seqs " + string.Join(',', devices.Select((d, i) => string.Create(CultureInfo.InvariantCulture, $"{d}={outboxes[i].DurableSeq}")))).ConfigureAwait(false);
                await Task.Delay(500).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (DiskOutbox outbox in outboxes)
            {
                outbox.Dispose();
            }
        }
    }

    private static async Task ProduceAsync(DiskOutbox outbox, string device, double rate, long target, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long appended = 0;
        while (outbox.DurableSeq < target)
        {
            long due = (long)(clock.Elapsed.TotalSeconds * rate);
            if (due > appended)
            {
                for (; appended < due && outbox.DurableSeq < target; appended++)
                {
                    EdgeOptions.Append(outbox, device);
                    outbox.Flush();
                }
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
