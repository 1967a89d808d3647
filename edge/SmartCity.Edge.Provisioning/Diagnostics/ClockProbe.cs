using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartCity.Edge.Provisioning.Diagnostics;

/// <summary>
/// Is the clock synchronised? Asks, in order: systemd-timesyncd/chrony through <c>timedatectl show</c>
/// (NTPSynchronized), <c>chronyc tracking</c> (leap status), and, when a server is configured, an SNTP query
/// comparing the local clock with the server's. Says plainly when none of these can tell.
/// </summary>
public static class ClockProbe
{
    /// <summary>Largest offset to an NTP server that still passes.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromSeconds(1);

    /// <summary>Runs the probe.</summary>
    /// <param name="ntpServer">host or host:port of an NTP server to query; null skips the SNTP query.</param>
    /// <param name="timeout">Budget for the whole probe.</param>
    /// <param name="commandRunner">Runs a program and returns (exit code, stdout), or null when it cannot be started (tests replace it).</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public static async Task<CheckResult> RunAsync(string? ntpServer, TimeSpan timeout, Func<string, string[], TimeSpan, Task<(int ExitCode, string Output)?>>? commandRunner = null, CancellationToken cancellationToken = default)
    {
        const string name = "clock";
        commandRunner ??= RunCommandAsync;
        var perCommand = TimeSpan.FromTicks(timeout.Ticks / 3);
        var notes = new List<string>();

        if (await commandRunner("timedatectl", ["show", "-p", "NTPSynchronized", "--value"], perCommand).ConfigureAwait(false) is { ExitCode: 0 } td)
        {
            string value = td.Output.Trim();
            if (value == "yes")
            {
                return CheckResult.Pass(name, "synchronised (timedatectl: NTPSynchronized=yes)");
            }

            if (value == "no")
            {
                notes.Add("timedatectl: NTPSynchronized=no");
            }
        }
        else
        {
            notes.Add("timedatectl not available");
        }

        if (await commandRunner("chronyc", ["-n", "tracking"], perCommand).ConfigureAwait(false) is { ExitCode: 0 } chrony)
        {
            string? leap = chrony.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Leap status", StringComparison.Ordinal));
            if (leap is not null && leap.EndsWith("Normal", StringComparison.Ordinal))
            {
                return CheckResult.Pass(name, $"synchronised (chronyc: {leap})");
            }

            notes.Add($"chronyc: {leap ?? "no leap status"}");
        }
        else
        {
            notes.Add("chronyc not available");
        }

        if (!string.IsNullOrWhiteSpace(ntpServer))
        {
            try
            {
                var offset = await QueryOffsetAsync(ntpServer, perCommand, cancellationToken).ConfigureAwait(false);
                string detail = $"offset to {ntpServer} {offset.TotalMilliseconds:+0;-0} ms";
                return offset.Duration() <= MaxOffset
                    ? CheckResult.Pass(name, $"{detail} (SNTP; {string.Join(", ", notes)})")
                    : CheckResult.Fail(name, $"{detail}, more than {MaxOffset.TotalSeconds:F0} s", "enable time sync: `timedatectl set-ntp true` or install chrony; bundles and certificates are refused with a wrong clock");
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException or InvalidDataException or OperationCanceledException)
            {
                notes.Add($"SNTP {ntpServer}: {ex.Message}");
            }
        }

        bool knownUnsynced = notes.Exists(n => n.EndsWith("NTPSynchronized=no", StringComparison.Ordinal));
        return knownUnsynced
            ? CheckResult.Fail(name, $"not synchronised ({string.Join("; ", notes)})", "enable time sync: `timedatectl set-ntp true`, or check that the NTP server is reachable (UDP 123)")
            : CheckResult.Warn(name, $"cannot tell ({string.Join("; ", notes)})", "give --ntp-server, or install systemd-timesyncd or chrony, so the clock can be checked");
    }

    /// <summary>SNTP (RFC 4330) offset of the local clock to <paramref name="server"/>: positive when the local clock is behind.</summary>
    public static async Task<TimeSpan> QueryOffsetAsync(string server, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        string host = server;
        int port = 123;
        int colon = server.LastIndexOf(':');
        if (colon > 0 && int.TryParse(server.AsSpan(colon + 1), out int parsed))
        {
            host = server[..colon];
            port = parsed;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var addresses = await Dns.GetHostAddressesAsync(host, cts.Token).ConfigureAwait(false);
        using var udp = new UdpClient(addresses[0].AddressFamily);
        byte[] request = new byte[48];
        request[0] = 0x23; // LI 0, version 4, mode 3 (client)
        var t1 = DateTimeOffset.UtcNow;
        WriteTimestamp(request.AsSpan(40), t1);
        await udp.SendAsync(request, new IPEndPoint(addresses[0], port), cts.Token).ConfigureAwait(false);
        UdpReceiveResult response;
        try
        {
            response = await udp.ReceiveAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no SNTP answer from {server} within {timeout.TotalSeconds:F1} s");
        }

        var t4 = DateTimeOffset.UtcNow;
        byte[] b = response.Buffer;
        if (b.Length < 48 || (b[0] & 0x07) != 4 || b[1] == 0)
        {
            throw new InvalidDataException($"{server} sent no valid SNTP server reply (mode {(b.Length > 0 ? b[0] & 7 : -1)}, stratum {(b.Length > 1 ? b[1] : -1)})");
        }

        var t2 = ReadTimestamp(b.AsSpan(32));
        var t3 = ReadTimestamp(b.AsSpan(40));
        return TimeSpan.FromTicks(((t2 - t1).Ticks + (t3 - t4).Ticks) / 2);
    }

    private static readonly DateTimeOffset NtpEpoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static void WriteTimestamp(Span<byte> destination, DateTimeOffset time)
    {
        var since = time - NtpEpoch;
        ulong seconds = (ulong)since.TotalSeconds;
        ulong fraction = (ulong)((since.Ticks % TimeSpan.TicksPerSecond) * (double)(1UL << 32) / TimeSpan.TicksPerSecond);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)fraction);
    }

    internal static DateTimeOffset ReadTimestamp(ReadOnlySpan<byte> source)
    {
        uint seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
        uint fraction = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        return NtpEpoch + TimeSpan.FromSeconds(seconds) + TimeSpan.FromTicks((long)(fraction * (double)TimeSpan.TicksPerSecond / (1UL << 32)));
    }

    private static async Task<(int ExitCode, string Output)?> RunCommandAsync(string program, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                string output = await process.StandardOutput.ReadToEndAsync(cts.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
                return (process.ExitCode, output);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
        }
    }
}
