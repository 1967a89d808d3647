using System.Net.Sockets;
using System.Text;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// A minimal sd_notify(3): datagrams to the Unix socket in <c>$NOTIFY_SOCKET</c> (a path, or an abstract socket
/// written <c>@name</c>). With <c>Type=notify</c> systemd waits for <c>READY=1</c>; with <c>WatchdogSec=</c> it
/// restarts the agent when <c>WATCHDOG=1</c> stops arriving, so the watchdog must be fed from the loop that does the
/// work (frames processed), not from a timer of its own. Outside systemd (no variable) every call is a no-op.
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;

    private SystemdNotifier(string? socketPath, TimeSpan? watchdogInterval)
    {
        WatchdogInterval = watchdogInterval;
        if (string.IsNullOrEmpty(socketPath))
        {
            return;
        }

        // An abstract socket: '@' stands for the leading NUL byte.
        _endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>True when running under systemd with a notify socket.</summary>
    public bool Enabled => _socket is not null;

    /// <summary>
    /// How often to send <c>WATCHDOG=1</c>: half of <c>$WATCHDOG_USEC</c> as systemd recommends; null when the
    /// watchdog is off or meant for another process (<c>$WATCHDOG_PID</c>).
    /// </summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>Reads <c>$NOTIFY_SOCKET</c>, <c>$WATCHDOG_USEC</c> and <c>$WATCHDOG_PID</c>.</summary>
    public static SystemdNotifier FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    internal static SystemdNotifier FromVariables(Func<string, string?> variable)
    {
        TimeSpan? watchdog = null;
        if (long.TryParse(variable("WATCHDOG_USEC"), out long usec) && usec > 0
            && (variable("WATCHDOG_PID") is not { } pid || pid == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            watchdog = TimeSpan.FromMicroseconds(usec / 2.0);
        }

        return new SystemdNotifier(variable("NOTIFY_SOCKET"), watchdog);
    }

    /// <summary>Startup finished (<c>READY=1</c>) with a status line.</summary>
    public bool Ready(string status) => Send($"READY=1\nSTATUS={status}");

    /// <summary>The process is alive and working (<c>WATCHDOG=1</c>).</summary>
    public bool Watchdog() => Send("WATCHDOG=1");

    /// <summary>A status line shown by <c>systemctl status</c>.</summary>
    public bool Status(string status) => Send($"STATUS={status}");

    /// <summary>Shutting down (<c>STOPPING=1</c>).</summary>
    public bool Stopping() => Send("STOPPING=1");

    /// <summary>Sends a raw notification; false when not under systemd or the socket is gone.</summary>
    public bool Send(string message)
    {
        if (_socket is null || _endpoint is null)
        {
            return false;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _endpoint);
            return true;
        }
        catch (SocketException)
        {
            // systemd gone or the socket not ours: never let notification take the agent down.
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket?.Dispose();
}
