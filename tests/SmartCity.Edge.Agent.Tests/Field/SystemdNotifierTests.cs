using Xunit;
using System.Net.Sockets;
using System.Text;
using SmartCity.Edge.Agent.Commands;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>sd_notify against a real Unix datagram socket standing in for systemd.</summary>
public sealed class SystemdNotifierTests : IDisposable
{
    private readonly FieldTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        socket.ReceiveTimeout = 10_000;
        int n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Fact]
    public void Ready_and_watchdog_reach_the_notify_socket()
    {
        string path = Path.Combine(_folder.Path, "notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(path));
        var env = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = path, ["WATCHDOG_USEC"] = "20000000" };

        using var notifier = SystemdNotifier.FromVariables(k => env.GetValueOrDefault(k));

        Assert.True(notifier.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(10), notifier.WatchdogInterval);
        Assert.True(notifier.Ready("running, 10 frames/s"));
        Assert.Equal("READY=1\nSTATUS=running, 10 frames/s", Receive(systemd));
        Assert.True(notifier.Watchdog());
        Assert.Equal("WATCHDOG=1", Receive(systemd));
    }

    [Fact]
    public void Abstract_socket_names_work()
    {
        string name = "smartcity-test-" + Guid.NewGuid().ToString("N");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint("\0" + name));

        using var notifier = SystemdNotifier.FromVariables(k => k == "NOTIFY_SOCKET" ? "@" + name : null);

        Assert.True(notifier.Stopping());
        Assert.Equal("STOPPING=1", Receive(systemd));
    }

    [Fact]
    public void Outside_systemd_everything_is_a_no_op()
    {
        using var notifier = SystemdNotifier.FromVariables(_ => null);

        Assert.False(notifier.Enabled);
        Assert.Null(notifier.WatchdogInterval);
        Assert.False(notifier.Ready("x"));
    }

    [Fact]
    public void Watchdog_meant_for_another_process_is_ignored()
    {
        var env = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = "1000000", ["WATCHDOG_PID"] = "1" };

        using var notifier = SystemdNotifier.FromVariables(k => env.GetValueOrDefault(k));

        Assert.Null(notifier.WatchdogInterval);
    }

    [Fact]
    public void Vanished_socket_does_not_throw()
    {
        using var notifier = SystemdNotifier.FromVariables(k => k == "NOTIFY_SOCKET" ? Path.Combine(_folder.Path, "gone.sock") : null);

        Assert.False(notifier.Watchdog());
    }
}
