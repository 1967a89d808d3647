using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartCity.TestServers;

/// <summary>
/// A real Mosquitto broker (Debian's <c>/usr/sbin/mosquitto</c>) for one test or bench run: a generated config in a temp
/// folder with a loopback listener on a free port, persistence in that folder, a password file, the wire contract's
/// ACL (<c>pattern write smartcity/v1/%u/#</c>, <c>pattern read smartcity/v1/%u/cmd/#</c>, an ingest user) and an
/// optional TLS listener. <see cref="Kill"/> is <c>kill -9</c>; <see cref="RestartAsync"/> brings it back on the same
/// ports and data folder. Its log is kept (<see cref="RecentLog"/>) for failure messages.
/// </summary>
public sealed partial class MosquittoServer : IAsyncDisposable
{
    private const int LogLinesKept = 400;
    private readonly MosquittoServerOptions _options;
    private readonly string _executable;
    private readonly Queue<string> _log = new();
    private readonly StreamWriter _logFile;
    private Process? _process;
    private bool _disposed;

    private MosquittoServer(string executable, MosquittoServerOptions options, string folder, int port, int tlsPort, TestCertificateAuthority? certificates)
    {
        _executable = executable;
        _options = options;
        Folder = folder;
        Port = port;
        TlsPort = tlsPort;
        Certificates = certificates;
        DataDirectory = Path.Combine(folder, "data");
        ConfigPath = Path.Combine(folder, "mosquitto.conf");
        LogPath = Path.Combine(folder, "mosquitto.log");
        Directory.CreateDirectory(DataDirectory);
        _logFile = new StreamWriter(LogPath, append: true, Encoding.UTF8) { AutoFlush = true };
    }

    /// <summary>The broker host: always the IPv4 loopback.</summary>
    public static string Host => "127.0.0.1";

    /// <summary>Plain MQTT listener port (stays the same across restarts).</summary>
    public int Port { get; }

    /// <summary>TLS listener port, or 0 without TLS.</summary>
    public int TlsPort { get; }

    /// <summary>The CA, server and client certificates of the TLS listener; null without TLS.</summary>
    public TestCertificateAuthority? Certificates { get; }

    /// <summary>The temp folder with config, password file, ACL, certificates, log and data.</summary>
    public string Folder { get; }

    /// <summary>Mosquitto's <c>persistence_location</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>The generated <c>mosquitto.conf</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>Everything the broker logged, across restarts.</summary>
    public string LogPath { get; }

    /// <summary>The ingest user's name.</summary>
    public string IngestUser => _options.IngestUser;

    /// <summary>The ingest user's password.</summary>
    public string IngestPassword => _options.IngestPassword;

    /// <summary>Process id of the running broker, or null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Times the broker process was started (1 after start, +1 per restart).</summary>
    public int Starts { get; private set; }

    /// <summary>True with CI=true: a missing server must fail the run, never skip it.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last lines the broker logged, for assertion messages.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary><c>mosquitto</c> in /usr/sbin or on PATH, or null.</summary>
    public static string? FindMosquitto() => FindExecutable("mosquitto", "/usr/sbin");

    /// <summary><c>mosquitto_sub</c> on PATH or in /usr/bin, or null.</summary>
    public static string? FindMosquittoSub() => FindExecutable("mosquitto_sub", "/usr/bin");

    /// <summary>Starts a broker and waits until its listeners accept connections.</summary>
    /// <exception cref="InvalidOperationException">Mosquitto is not installed, or it exited during start (its log is in the message).</exception>
    public static async Task<MosquittoServer> StartAsync(MosquittoServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoServerOptions();
        string executable = FindMosquitto() ?? throw new InvalidOperationException(
            "mosquitto is not installed (apt-get install -y mosquitto mosquitto-clients)" + (IsCi ? "; CI=true requires it." : "."));
        string folder = Directory.CreateTempSubdirectory("smartcity-mosquitto-").FullName;
        TestCertificateAuthority? certificates = options.EnableTls ? TestCertificateAuthority.Create(Path.Combine(folder, "certs")) : null;
        int port = options.Port != 0 ? options.Port : FreePort();
        int tlsPort = !options.EnableTls ? 0 : options.TlsPort != 0 ? options.TlsPort : FreePort();
        var server = new MosquittoServer(executable, options, folder, port, tlsPort, certificates);
        try
        {
            server.WriteConfig();
            server.Launch();
            await server.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until every listener accepts TCP connections.</summary>
    /// <exception cref="InvalidOperationException">The broker exited; the message carries its log.</exception>
    /// <exception cref="TimeoutException">Not ready within <see cref="MosquittoServerOptions.StartTimeout"/>.</exception>
    public async Task WaitReadyAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < _options.StartTimeout)
        {
            Process process = _process ?? throw new InvalidOperationException("The broker is not running (call RestartAsync).");
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"mosquitto exited with {process.ExitCode} during start (config {ConfigPath}). Log:\n{RecentLog}");
            }

            if (await AcceptsAsync(Port, cancellationToken).ConfigureAwait(false)
                && (TlsPort == 0 || await AcceptsAsync(TlsPort, cancellationToken).ConfigureAwait(false)))
            {
                return;
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"mosquitto did not accept connections on port {Port} within {_options.StartTimeout.TotalSeconds:0} s. Log:\n{RecentLog}");
    }

    /// <summary><c>kill -9</c>: the broker dies at once, saving nothing (sessions and queues since the last autosave are lost).</summary>
    public void Kill()
    {
        Process? process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        process.Kill();
        process.WaitForExit();
        AddLog("[fixture] mosquitto killed (SIGKILL)");
    }

    /// <summary>SIGTERM and wait: the broker saves its persistence file and disconnects its clients.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Process? process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        _ = SendSignal(process.Id, SigTerm);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        AddLog("[fixture] mosquitto stopped (SIGTERM)");
    }

    /// <summary>Starts the broker again (killing it first if it runs) on the same ports, config and data folder, and waits until it is ready.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Kill();
        Launch();
        await WaitReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds or replaces device users and makes the running broker reload its password file (SIGHUP).</summary>
    public async Task AddDevicesAsync(IEnumerable<KeyValuePair<string, string>> devices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        foreach (KeyValuePair<string, string> device in devices)
        {
            _options.Devices[device.Key] = device.Value;
        }

        WriteConfig();
        if (_process is { HasExited: false } process)
        {
            int before = CountLog("Reloading config");
            _ = SendSignal(process.Id, SigHup);
            var clock = Stopwatch.StartNew();
            while (CountLog("Reloading config") == before && clock.Elapsed < _options.StartTimeout)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        Kill();
        _process?.Dispose();
        _logFile.Dispose();
        Certificates?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying child; the temp folder is cleaned by the OS eventually.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A free TCP port on the IPv4 loopback (bound and released, so another process could take it first: rare).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindExecutable(string name, string fallbackDir)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append(fallbackDir))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Launch()
    {
        _process?.Dispose();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_executable, ["-c", ConfigPath])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => AddLog(e.Data);
        process.ErrorDataReceived += (_, e) => AddLog(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {_executable}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        AddLog(string.Create(CultureInfo.InvariantCulture, $"[fixture] mosquitto start #{Starts}, pid {process.Id}, port {Port}"));
    }

    private void AddLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLinesKept)
            {
                _log.Dequeue();
            }

            if (!_disposed)
            {
                _logFile.WriteLine(line);
            }
        }
    }

    private int CountLog(string text)
    {
        lock (_log)
        {
            int n = 0;
            foreach (string line in _log)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    n++;
                }
            }

            return n;
        }
    }
}
