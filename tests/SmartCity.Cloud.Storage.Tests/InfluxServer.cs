using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>
/// A real InfluxDB 1.x server for the test run: a temp config (loopback on a free port, meta/data/wal in a temp
/// folder, no reporting, no admin/UDP), started once, waited for until /ping answers 204, killed at the end.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private InfluxServer(Process process, string folder, Uri uri)
    {
        _process = process;
        _folder = folder;
        Uri = uri;
    }

    /// <summary>The HTTP endpoint.</summary>
    public Uri Uri { get; }

    /// <summary>influxd on PATH or in /usr/bin, or null.</summary>
    public static string? FindInfluxd()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            string candidate = Path.Combine(dir, "influxd");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static async Task<InfluxServer> StartAsync()
    {
        string influxd = FindInfluxd() ?? throw new InvalidOperationException("influxd is not installed (apt-get install influxdb); CI requires it.");
        string folder = Directory.CreateTempSubdirectory("smartcity-influx-").FullName;
        int port = FreePort();
        string config = Path.Combine(folder, "influxdb.conf");
        // 1.6 has no admin UI any more, and UDP, Graphite, OpenTSDB and collectd listeners are off unless configured.
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}"
            [meta]
              dir = "{folder}/meta"
            [data]
              dir = "{folder}/data"
              wal-dir = "{folder}/wal"
              query-log-enabled = false
            [http]
              enabled = true
              bind-address = "127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
        var process = Process.Start(new ProcessStartInfo(influxd, ["-config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {influxd}.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new InfluxServer(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        using var http = new HttpClient { BaseAddress = server.Uri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                Directory.Delete(folder, recursive: true);
                throw new InvalidOperationException($"influxd exited with {process.ExitCode} before answering /ping (config {config}).");
            }

            try
            {
                using HttpResponseMessage ping = await http.GetAsync(new Uri("ping", UriKind.Relative));
                if (ping.StatusCode == HttpStatusCode.NoContent)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException("influxd did not answer /ping with 204 within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
