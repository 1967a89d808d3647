using System.CommandLine;

namespace SmartCity.Bench.Ingest.Commands;

/// <summary>
/// <c>ingest</c>: the load generator. Starts Mosquitto (one user and ACL entry per device), N simulated devices as a
/// child process (one MQTT connection each), one ingest node into DuckDB in this process and <c>mosquitto_sub</c> on the
/// same stream; prints progress once a second, then messages/s ingested, the ratio to the raw drain rate, publish →
/// queryable latency p50/p99, CPU and the seq audit of the store.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { DefaultValueFactory = _ => 10_000, Description = "Simulated devices, one MQTT connection and broker user each." };
        var period = new Option<double>("--period") { DefaultValueFactory = _ => 10, Description = "Paced mode: seconds between two messages of one device." };
        var rate = new Option<double?>("--rate") { Description = "Paced mode: total messages/s offered (sets --period to devices / rate)." };
        var max = new Option<bool>("--max") { Description = "Max-throughput mode: every device keeps --window publishes in flight for --duration." };
        var window = new Option<int>("--window") { DefaultValueFactory = _ => 4, Description = "Max mode: QoS 1 publishes in flight per device." };
        var duration = new Option<double>("--duration") { DefaultValueFactory = _ => 60, Description = "Seconds of publishing." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 5000, Description = "Ingest batch: messages per DuckDB transaction (at most)." };
        var batchDelay = new Option<double>("--batch-delay-ms") { DefaultValueFactory = _ => 50, Description = "Ingest batch: longest wait for a batch to fill, ms." };
        var checkpoint = new Option<int>("--checkpoint-mib") { DefaultValueFactory = _ => new IngestBenchOptions().CheckpointThresholdMiB, Description = "DuckDB checkpoint threshold (WAL size), MiB; a checkpoint runs inside the commit that crosses it." };
        var noSub = new Option<bool>("--no-mosquitto-sub") { Description = "Do not run mosquitto_sub alongside (no raw drain rate)." };
        var data = new Option<string?>("--data") { Description = "Keep the DuckDB file in this folder (default: a temp folder, deleted)." };
        var brokerAt = new Option<string?>("--broker") { Description = "HOST:PORT of a running broker to use instead of starting Mosquitto (devices log in as their id with password pw-{id})." };
        var ingestUser = new Option<string>("--ingest-user") { DefaultValueFactory = _ => "ingest", Description = "With --broker: the ingest's user name." };
        var ingestPassword = new Option<string>("--ingest-password") { DefaultValueFactory = _ => "ingest-secret", Description = "With --broker: the ingest's password." };
        var brokerPid = new Option<int?>("--broker-pid") { Description = "With --broker: the broker's process id, for its CPU figure." };
        var command = new Command("ingest", "Load generator: N devices → Mosquitto → ingest → DuckDB; msg/s, ratio to mosquitto_sub, latency p50/p99, CPU, seq audit.")
        {
            devices, period, rate, max, window, duration, batch, batchDelay, checkpoint, noSub, data, brokerAt, ingestUser, ingestPassword, brokerPid,
        };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetRequiredValue(devices);
            double seconds = parse.GetValue(rate) is { } r && r > 0 ? n / r : parse.GetRequiredValue(period);
            var options = new IngestBenchOptions
            {
                Devices = n,
                Period = TimeSpan.FromSeconds(seconds),
                Window = parse.GetValue(max) ? Math.Max(1, parse.GetRequiredValue(window)) : 0,
                Duration = TimeSpan.FromSeconds(parse.GetRequiredValue(duration)),
                MaxBatchMessages = parse.GetRequiredValue(batch),
                MaxBatchDelay = TimeSpan.FromMilliseconds(parse.GetRequiredValue(batchDelay)),
                CheckpointThresholdMiB = parse.GetRequiredValue(checkpoint),
                MosquittoSub = !parse.GetValue(noSub),
                DataFolder = parse.GetValue(data),
            };
            if (parse.GetValue(brokerAt) is { } at)
            {
                int colon = at.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(at[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out int brokerPort))
                {
                    await Console.Error.WriteLineAsync($"error: --broker '{at}' must be HOST:PORT.").ConfigureAwait(false);
                    return 2;
                }

                options.ExternalBroker = new BrokerEndpoint(at[..colon], brokerPort, parse.GetRequiredValue(ingestUser), parse.GetRequiredValue(ingestPassword), parse.GetValue(brokerPid));
            }

            if (n < 1 || seconds <= 0 || options.Duration <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("error: --devices, --period/--rate and --duration must be positive.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                return await new IngestBench(options, Console.Out).RunAsync(ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
