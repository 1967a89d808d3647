using System.Net.Sockets;
using System.Text;
using SmartCity.Cloud.Server.Broker;
using SmartCity.Cloud.Server.Fleet;
using SmartCity.Edge.Agent;
using Xunit;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>
/// The agent's run path under systemd (<c>Type=notify</c>, <c>WatchdogSec=</c>): a real device pipeline (synthetic
/// camera, no broker reachable — the pipeline never waits for the network) tells the notify socket READY=1 once frames
/// flow, WATCHDOG=1 while they keep flowing, and STOPPING=1 on stop.
/// </summary>
[Collection(SystemdEnvironment.Name)]
public sealed class SystemdSupervisionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-notify-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_path_sends_ready_then_watchdog_pings_then_stopping()
    {
        string socketPath = Path.Combine(_folder, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var messages = new List<string>();
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (!stopReading.IsCancellationRequested)
            {
                try
                {
                    int n = await socket.ReceiveAsync(buffer, SocketFlags.None, stopReading.Token);
                    lock (messages)
                    {
                        messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", socketPath);
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", "1000000"); // pings every 0.5 s
        try
        {
            int closedPort = LoopbackPorts.Ephemeral();
            var config = SimulatedFleet.Create(0, "127.0.0.1", closedPort, _folder, TimeSpan.FromSeconds(5), paced: true);
            var device = new EdgeDevice(config, new EdgeDeviceOptions { SummaryInterval = TimeSpan.FromSeconds(5), NotifySystemd = true, DrainTimeout = TimeSpan.FromMilliseconds(200) });
            using var stop = new CancellationTokenSource();
            var run = device.RunAsync(stop.Token);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (Count("WATCHDOG=1") < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "fewer than 3 watchdog pings within 90 s: " + string.Join(" | ", Snapshot()));
                Assert.False(run.IsCompleted, "the device stopped");
                await Task.Delay(100);
            }

            await stop.CancelAsync();
            await run;
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
        }

        await Task.Delay(200);
        await stopReading.CancelAsync();
        await reader;
        var all = Snapshot();
        Assert.StartsWith("READY=1\nSTATUS=", all[0], StringComparison.Ordinal);
        Assert.Equal("STOPPING=1", all[^1]);
        Assert.Single(all, m => m.StartsWith("READY=1", StringComparison.Ordinal));
        Assert.True(all.Count(m => m == "WATCHDOG=1") >= 3);

        int Count(string text)
        {
            lock (messages)
            {
                return messages.Count(m => m == text);
            }
        }

        List<string> Snapshot()
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }
}

/// <summary>Tests that set the process-wide systemd variables run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SystemdEnvironment
{
    /// <summary>Collection name.</summary>
    public const string Name = "systemd environment";
}
