using System.Diagnostics;
using System.Globalization;

namespace SmartCity.Bench.Ingest.Measure;

/// <summary>
/// <c>mosquitto_sub -q 1</c> on the same stream as the ingest, printing only each message's receive time (<c>-F %U</c>,
/// Unix seconds with nanoseconds). Its rate is the raw drain rate of the broker to a client that does nothing.
/// </summary>
internal sealed class MosquittoSubDrain : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<double> _times = [];
    private readonly List<string> _stderr = [];

    private MosquittoSubDrain(Process process)
    {
        _process = process;
    }

    public int ProcessId => _process.Id;

    public long Count
    {
        get
        {
            lock (_times)
            {
                return _times.Count;
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_stderr)
            {
                return string.Join(" | ", _stderr);
            }
        }
    }

    public static MosquittoSubDrain Start(string executable, string host, int port, string user, string password, string topic)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable,
                ["-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1", "-i", "bench-mosquitto-sub",
                 "-u", user, "-P", password, "-t", topic, "-F", "%U"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        var drain = new MosquittoSubDrain(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double t))
            {
                lock (drain._times)
                {
                    drain._times.Add(t);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (drain._stderr)
                {
                    drain._stderr.Add(line);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return drain;
    }

    /// <summary>Messages per second between 5 % and 95 % of <paramref name="total"/>, from mosquitto_sub's own receive times.</summary>
    public double SustainedRate(long total)
    {
        lock (_times)
        {
            var samples = new List<(double, long)>(_times.Count);
            for (int i = 0; i < _times.Count; i++)
            {
                samples.Add((_times[i], i + 1));
            }

            return RateWindow.Rate(samples, total);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
