using System.Diagnostics;
using SmartCity.Contracts;

namespace SmartCity.Bench.Ingest.Fleet;

/// <summary>
/// N simulated devices with a connection each, driven by one scheduler thread. Paced mode sends message m (device
/// m mod N) at t0 + m·period/N, so the load is even and the publish time is exact; max mode keeps a window of
/// unacknowledged publishes per device full.
/// </summary>
internal sealed class DeviceFleet : IDisposable
{
    private readonly FleetOptions _options;
    private readonly SimulatedDevice[] _devices;
    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stopReaders = new();

    public DeviceFleet(FleetOptions options)
    {
        _options = options;
        _devices = new SimulatedDevice[options.Devices];
        for (int i = 0; i < _devices.Length; i++)
        {
            _devices[i] = new SimulatedDevice(i, FleetOptions.DeviceId(options.DevicePrefix, i));
        }
    }

    public IReadOnlyList<SimulatedDevice> Devices => _devices;

    public long Sent { get; private set; }

    public long Acked
    {
        get
        {
            long n = 0;
            foreach (SimulatedDevice d in _devices)
            {
                n += d.Acked;
            }

            return n;
        }
    }

    public long Refused => _devices.Sum(static d => d.Refused);

    public int Failed => _devices.Count(static d => d.Failure is not null);

    public string? FirstFailure => _devices.Select(static d => d.Failure).FirstOrDefault(static f => f is not null);

    /// <summary>Connects every device (with retries: a connect storm can overflow the broker's listen backlog).</summary>
    public async Task ConnectAsync(Action<int> progress, CancellationToken cancellationToken)
    {
        int connected = 0;
        await Parallel.ForEachAsync(_devices, new ParallelOptions { MaxDegreeOfParallelism = _options.ConnectConcurrency, CancellationToken = cancellationToken },
            async (device, ct) =>
            {
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        await device.ConnectAsync(_options.Host, _options.Port, FleetOptions.PasswordFor(device.Id), ct).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception ex) when (attempt < 5 && ex is IOException or System.Net.Sockets.SocketException)
                    {
                        await Task.Delay(200 * attempt, ct).ConfigureAwait(false);
                    }
                }

                int n = Interlocked.Increment(ref connected);
                if (n % 1000 == 0)
                {
                    progress(n);
                }
            }).ConfigureAwait(false);
        foreach (SimulatedDevice device in _devices)
        {
            _readers.Add(device.ReadAcksAsync(_stopReaders.Token));
        }
    }

    /// <summary>Publishes for <see cref="FleetOptions.Duration"/> on the calling thread; <paramref name="progress"/> once a second.</summary>
    public void Run(Action progress, CancellationToken cancellationToken)
    {
        using var json = new PooledBufferWriter(8192);
        byte[] send = new byte[WireJson.MaxPayloadBytes + 1024];
        int intervalS = Math.Max(1, (int)Math.Round(_options.Period.TotalSeconds));
        var clock = Stopwatch.StartNew();
        TimeSpan nextProgress = TimeSpan.FromSeconds(1);
        if (_options.Window == 0)
        {
            int n = _devices.Length;
            long perDevice = Math.Max(1, (long)(_options.Duration.Ticks / _options.Period.Ticks));
            long total = perDevice * n;
            double ticksPerMessage = (double)_options.Period.Ticks / n;
            long m = 0;
            while (m < total && !cancellationToken.IsCancellationRequested)
            {
                long now = clock.Elapsed.Ticks;
                while (m < total && m * ticksPerMessage <= now)
                {
                    _devices[m % n].PublishNext(json, send, intervalS);
                    m++;
                }

                Sent = m;
                if (clock.Elapsed >= nextProgress)
                {
                    progress();
                    nextProgress += TimeSpan.FromSeconds(1);
                }

                Thread.Sleep(1);
            }
        }
        else
        {
            long sent = 0;
            while (clock.Elapsed < _options.Duration && !cancellationToken.IsCancellationRequested)
            {
                bool any = false;
                foreach (SimulatedDevice device in _devices)
                {
                    if (device.Failure is null && device.Inflight < _options.Window)
                    {
                        device.PublishNext(json, send, intervalS);
                        sent++;
                        any = true;
                    }
                }

                Sent = sent;
                if (clock.Elapsed >= nextProgress)
                {
                    progress();
                    nextProgress += TimeSpan.FromSeconds(1);
                }

                if (!any)
                {
                    Thread.Sleep(1);
                }
            }
        }
    }

    /// <summary>Waits until every publish has its PUBACK (or a device failed), up to <paramref name="timeout"/>.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_devices.All(static d => d.Inflight == 0 || d.Failure is not null))
            {
                return true;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    public async Task CloseAsync()
    {
        foreach (SimulatedDevice device in _devices)
        {
            device.Close();
        }

        await _stopReaders.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_readers).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (SimulatedDevice device in _devices)
        {
            device.Dispose();
        }

        _stopReaders.Dispose();
    }
}
