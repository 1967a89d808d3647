using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCity.Bench.Ingest.Fleet;

namespace SmartCity.Bench.Ingest.Commands;

/// <summary>
/// <c>devices</c> (hidden): the simulated fleet as its own process, started by <c>ingest</c>, so that the generator's
/// CPU is measured apart from the ingest's. Prints one line per second (<c>progress sent=… acked=…</c>), then
/// <c>done …</c>, and writes each device's last seq to <c>--counts</c>.
/// </summary>
internal static class DevicesCommand
{
    public const string Name = "devices";

    public static Command Create()
    {
        var host = new Option<string>("--host") { DefaultValueFactory = _ => "127.0.0.1", Description = "Broker address." };
        var port = new Option<int>("--port") { Required = true, Description = "Broker port." };
        var devices = new Option<int>("--devices") { DefaultValueFactory = _ => 10_000, Description = "Simulated devices (one connection each)." };
        var prefix = new Option<string>("--prefix") { DefaultValueFactory = _ => "bench-", Description = "Device id prefix." };
        var periodMs = new Option<double>("--period-ms") { DefaultValueFactory = _ => 10_000, Description = "Paced mode: publish period per device, ms." };
        var window = new Option<int>("--window") { DefaultValueFactory = _ => 0, Description = "Max mode: QoS 1 publishes in flight per device (0 = paced mode)." };
        var duration = new Option<double>("--duration-s") { DefaultValueFactory = _ => 60, Description = "Seconds of publishing." };
        var counts = new Option<string>("--counts") { Required = true, Description = "File for 'device lastSeq' lines." };
        var command = new Command(Name, "Internal: the simulated device fleet (started by 'ingest').")
        {
            host, port, devices, prefix, periodMs, window, duration, counts,
        };
        command.Hidden = true;
        command.SetAction(async (parse, ct) => await RunAsync(new FleetOptions
        {
            Host = parse.GetRequiredValue(host),
            Port = parse.GetRequiredValue(port),
            Devices = parse.GetRequiredValue(devices),
            DevicePrefix = parse.GetRequiredValue(prefix),
            Period = TimeSpan.FromMilliseconds(parse.GetRequiredValue(periodMs)),
            Window = parse.GetRequiredValue(window),
            Duration = TimeSpan.FromSeconds(parse.GetRequiredValue(duration)),
        }, parse.GetRequiredValue(counts), ct).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(FleetOptions options, string countsPath, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        using var fleet = new DeviceFleet(options);
        var clock = Stopwatch.StartNew();
        try
        {
            await fleet.ConnectAsync(n => stdout.WriteLine(string.Create(c, $"connecting {n}")), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            await stdout.WriteLineAsync($"error {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        stdout.WriteLine(string.Create(c, $"connected {options.Devices} {clock.Elapsed.TotalSeconds:F1}"));
        var run = Stopwatch.StartNew();
        fleet.Run(() => stdout.WriteLine(string.Create(c,
            $"progress t={run.Elapsed.TotalSeconds:F1} sent={fleet.Sent} acked={fleet.Acked} refused={fleet.Refused} failed={fleet.Failed}")), cancellationToken);
        double publishSeconds = run.Elapsed.TotalSeconds;
        bool drained = await fleet.DrainAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (SimulatedDevice device in fleet.Devices)
        {
            text.Append(device.Id).Append(' ').Append(device.Published.ToString(c)).Append('\n');
        }

        await File.WriteAllTextAsync(countsPath, text.ToString(), cancellationToken).ConfigureAwait(false);
        double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        stdout.WriteLine(string.Create(c,
            $"done sent={fleet.Sent} acked={fleet.Acked} refused={fleet.Refused} failed={fleet.Failed} drained={drained} publish_s={publishSeconds:F2} cpu_s={cpu:F2} first_failure={fleet.FirstFailure ?? "-"}"));
        // Decide before closing: closing 1000 sockets ends the devices' read loops, which count as failures.
        int exitCode = drained && fleet.Failed == 0 ? 0 : 3;
        await fleet.CloseAsync().ConfigureAwait(false);
        return exitCode;
    }
}
