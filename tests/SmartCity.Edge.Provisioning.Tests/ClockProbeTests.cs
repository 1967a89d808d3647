using System.Net;
using System.Net.Sockets;
using SmartCity.Edge.Provisioning.Diagnostics;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>doctor's clock check: timedatectl/chrony answers (stubbed) and SNTP against a real UDP server on loopback.</summary>
public sealed class ClockProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);

    private static Func<string, string[], TimeSpan, Task<(int, string)?>> Commands(string? timedatectl, string? chrony) =>
        (program, _, _) => Task.FromResult<(int, string)?>(program switch
        {
            "timedatectl" when timedatectl is not null => (0, timedatectl),
            "chronyc" when chrony is not null => (0, chrony),
            _ => null,
        });

    [Fact]
    public async Task Timedatectl_yes_passes()
    {
        var result = await ClockProbe.RunAsync(null, Timeout, Commands("yes\n", null));

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task Timedatectl_no_without_other_evidence_fails()
    {
        var result = await ClockProbe.RunAsync(null, Timeout, Commands("no\n", null));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("set-ntp", result.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chrony_normal_leap_status_passes()
    {
        var result = await ClockProbe.RunAsync(null, Timeout, Commands(null, "Reference ID    : C0A80001\nLeap status     : Normal\n"));

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task Nothing_to_ask_is_an_honest_warning()
    {
        var result = await ClockProbe.RunAsync(null, Timeout, Commands(null, null));

        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.StartsWith("cannot tell", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, CheckStatus.Pass)]
    [InlineData(5, CheckStatus.Fail)]
    public async Task Sntp_offset_decides(int serverAheadSeconds, CheckStatus expected)
    {
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        var serve = Task.Run(async () =>
        {
            var request = await server.ReceiveAsync();
            byte[] reply = new byte[48];
            reply[0] = 0x24; // version 4, mode 4 (server)
            reply[1] = 2;    // stratum 2
            var now = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(serverAheadSeconds);
            ClockProbe.WriteTimestamp(reply.AsSpan(32), now);
            ClockProbe.WriteTimestamp(reply.AsSpan(40), now);
            await server.SendAsync(reply, request.RemoteEndPoint);
        });

        var result = await ClockProbe.RunAsync($"127.0.0.1:{port}", Timeout, Commands(null, null));
        await serve;

        Assert.Equal(expected, result.Status);
        Assert.Contains($"127.0.0.1:{port}", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ntp_timestamps_round_trip_to_the_microsecond()
    {
        var t = new DateTimeOffset(2026, 11, 26, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567);
        byte[] buffer = new byte[8];

        ClockProbe.WriteTimestamp(buffer, t);

        Assert.InRange((ClockProbe.ReadTimestamp(buffer) - t).Duration().TotalMicroseconds, 0, 1);
    }
}
