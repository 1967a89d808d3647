using Microsoft.Extensions.Logging;
using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>
/// One sensor's loop on its own thread: open (retried with exponential backoff), wake before a reading,
/// read on the interval, judge and accumulate the values, sleep again. Everything a read can throw is caught
/// here, so a failing sensor never stops another.
/// </summary>
internal sealed class SensorChannel
{
    private static readonly int s_slots = Enum.GetValues<Quantity>().Length * 2;

    private readonly SensorRegistration _registration;
    private readonly SensorHub _hub;
    private readonly ILogger _logger;
    private readonly QualityRules _rules;
    private readonly Lock _gate = new();
    private readonly QuantityAccumulator?[] _accumulators = new QuantityAccumulator?[s_slots];
    private SensorReading[] _readings = [];
    private SensorReading[] _last = [];
    private int _lastCount;
    private ISensor? _sensor;
    private Thread? _thread;

    private SensorState _state = SensorState.Starting;
    private int _failures;
    private SensorFault _lastFault;
    private string? _lastError;
    private DateTimeOffset? _lastReadingAt;
    private DateTimeOffset _nextAttempt;
    private DateTimeOffset _wokeAt;
    private bool _asleep;
    private long _lineErrors;
    private bool _inLineErrorBurst;

    public SensorChannel(SensorRegistration registration, SensorHub hub, ILogger logger)
    {
        _registration = registration;
        _hub = hub;
        _logger = logger;
        _rules = new QualityRules
        {
            PmSensorMaxHumidity = registration.PmMaxHumidity,
            WarmUpDuration = registration.WarmUp,
        };
    }

    public string Name => _registration.Name;

    public TimeSpan Interval => _registration.Interval;

    /// <summary>The open sensor, if any (tests and diagnostics).</summary>
    public ISensor? Sensor => _sensor;

    public void Start(CancellationToken stopping)
    {
        _thread = new Thread(() => Run(stopping))
        {
            IsBackground = true,
            Name = $"sensor {_registration.Name}",
        };
        _thread.Start();
    }

    public void Join(TimeSpan timeout) => _thread?.Join(timeout);

    public void Close()
    {
        var sensor = _sensor;
        _sensor = null;
        if (sensor is IPowerManagedSensor power && !_asleep && _registration.SleepBetweenReadings)
        {
            // Leave the laser off when the agent stops: it ages only while running.
            power.Sleep();
        }

        sensor?.Dispose();
        lock (_gate)
        {
            _state = SensorState.Stopped;
        }
    }

    public SensorHealth Health()
    {
        lock (_gate)
        {
            return new SensorHealth(
                _registration.Name,
                _sensor?.Model ?? _registration.Model,
                _state,
                _lastReadingAt,
                _last.AsSpan(0, _lastCount).ToArray(),
                _failures,
                _lastFault,
                _lastError,
                _nextAttempt,
                _sensor?.Counters.Snapshot() ?? default);
        }
    }

    /// <summary>
    /// Adds this sensor's statistics for the closing interval to <paramref name="output"/> and resets them.
    /// <paramref name="pm25Cf1"/> is the CF=1 PM2.5 mean when the sensor reports one.
    /// </summary>
    public void Collect(List<QuantitySummary> output, TimeSpan length, double completeness, out double? pm25Cf1)
    {
        pm25Cf1 = null;
        int expected = (int)Math.Max(1, Math.Floor(length / _registration.Interval));
        lock (_gate)
        {
            string model = _sensor?.Model ?? _registration.Model;
            foreach (var acc in _accumulators)
            {
                if (acc is null)
                {
                    continue;
                }

                var s = acc.Statistics;
                if (acc.Basis == ReadingBasis.Cf1)
                {
                    pm25Cf1 = s.Count > 0 ? s.Mean : null;
                    acc.Reset();
                    continue;
                }

                var flags = acc.Flags;
                if (s.Count < completeness * expected)
                {
                    flags |= QualityFlags.InsufficientData;
                }

                output.Add(new QuantitySummary(
                    _registration.Name,
                    model,
                    acc.Quantity,
                    acc.Quantity.Unit(),
                    s.Count,
                    expected,
                    Finite(s.Mean),
                    Finite(s.Min),
                    Finite(s.Max),
                    s.Count > 1 ? Finite(s.StdDev) : null,
                    flags,
                    acc.FlaggedSamples,
                    null));
                acc.Reset();
            }
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private void Run(CancellationToken stopping)
    {
        lock (_gate)
        {
            _nextAttempt = SensorHub.Now;
        }

        while (!stopping.IsCancellationRequested)
        {
            if (_sensor is null && !TryOpen())
            {
                if (Wait(_nextAttempt, stopping))
                {
                    break;
                }

                continue;
            }

            var power = _registration.SleepBetweenReadings ? _sensor as IPowerManagedSensor : null;
            if (power is not null && _asleep)
            {
                if (Wait(_nextAttempt - _registration.WarmUp, stopping))
                {
                    break;
                }

                // Warm-up counts from the wake command, not from its acknowledgement.
                _wokeAt = SensorHub.Now;
                power.Wake();
                _asleep = false;
                lock (_gate)
                {
                    if (_wokeAt + _registration.WarmUp > _nextAttempt)
                    {
                        // Woken late (a busy machine): wait out the warm-up rather than report a doubtful value.
                        _nextAttempt = _wokeAt + _registration.WarmUp;
                    }
                }

                SetState(SensorState.WarmingUp);
            }

            if (Wait(_nextAttempt, stopping))
            {
                break;
            }

            ReadOnce(power);
        }
    }

    private bool TryOpen()
    {
        try
        {
            var sensor = _registration.Open();
            _readings = new SensorReading[Math.Max(1, sensor.MaxReadings)];
            _last = new SensorReading[_readings.Length];
            _sensor = sensor;
            _wokeAt = SensorHub.Now;
            SetState(_registration.WarmUp > TimeSpan.Zero ? SensorState.WarmingUp : SensorState.Ok);
            SensorHubLog.Opened(_logger, _registration.Name, sensor.Model);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The device may be unplugged, on the wrong address or not yet enumerated: retry, never give up.
            int failures;
            var delay = Backoff();
            lock (_gate)
            {
                failures = ++_failures;
                _lastFault = SensorFault.BusError;
                _lastError = ex.Message;
                _state = SensorState.Failing;
                _nextAttempt = SensorHub.Now + delay;
            }

            if (failures == 1)
            {
                SensorHubLog.OpenFailed(_logger, _registration.Name, _registration.Model, ex.Message, delay);
            }

            return false;
        }
    }

    private void ReadOnce(IPowerManagedSensor? power)
    {
        var sensor = _sensor!;
        var now = SensorHub.Now;
        bool ok;
        int written;
        SensorFault fault;
        try
        {
            ok = sensor.TryRead(now, _readings, out written, out fault);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Drivers return faults rather than throw; this is the safety net for one that does not.
            ok = false;
            written = 0;
            fault = SensorFault.BusError;
            lock (_gate)
            {
                _lastError = ex.Message;
            }
        }

        if (ok)
        {
            OnSuccess(sensor, power, now, written);
        }
        else
        {
            OnFailure(fault);
        }
    }

    private void OnSuccess(ISensor sensor, IPowerManagedSensor? power, DateTimeOffset now, int written)
    {
        bool warmingUp = now - _wokeAt < _registration.WarmUp;
        double? humidity = _hub.AmbientHumidity(now);
        int recoveredAfter;
        lock (_gate)
        {
            for (int i = 0; i < written; i++)
            {
                var r = _readings[i];
                Accumulator(r.Quantity, r.Basis).Add(r.Value, r.Timestamp, warmingUp, humidity);
                _last[i] = r;
                if (r.Quantity == Quantity.RelativeHumidity && double.IsFinite(r.Value))
                {
                    _hub.ReportHumidity(r.Value, now);
                }
            }

            _lastCount = written;
            _lastReadingAt = now;
            recoveredAfter = _failures;
            _failures = 0;
            _lastFault = SensorFault.None;
            _state = warmingUp ? SensorState.WarmingUp : SensorState.Ok;

            _nextAttempt += _registration.Interval;
            var finished = SensorHub.Now;
            if (_nextAttempt <= finished)
            {
                // Behind schedule: a read that blocks for the sensor's own period (the SCD4x binding waits for
                // data-ready) is simply repeated; after a backoff the cadence restarts. One read, never a burst.
                _nextAttempt = finished;
            }
        }

        if (recoveredAfter > 0)
        {
            SensorHubLog.Recovered(_logger, _registration.Name, recoveredAfter);
        }

        TrackLineErrors(sensor.Counters);

        if (power is not null && _nextAttempt - _registration.WarmUp - SensorHub.Now > TimeSpan.FromSeconds(1))
        {
            power.Sleep();
            _asleep = true;
            SetState(SensorState.Asleep);
        }
    }

    private void OnFailure(SensorFault fault)
    {
        int failures;
        var delay = Backoff();
        lock (_gate)
        {
            failures = ++_failures;
            _lastFault = fault;
            _state = SensorState.Failing;
            _nextAttempt = SensorHub.Now + delay;
        }

        if (failures == 1)
        {
            SensorHubLog.ReadFailed(_logger, _registration.Name, fault, delay);
        }

        if (_sensor is { } sensor)
        {
            TrackLineErrors(sensor.Counters);
        }

        if (fault is SensorFault.BusError or SensorFault.Timeout
            && failures % Math.Max(1, _hub.Options.ReopenAfterFailures) == 0)
        {
            // A USB serial adapter that was replugged gets a new file handle only by reopening.
            SensorHubLog.Reopening(_logger, _registration.Name, failures);
            var old = _sensor;
            _sensor = null;
            _asleep = false;
            try
            {
                old?.Dispose();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                lock (_gate)
                {
                    _lastError = ex.Message;
                }
            }
        }
    }

    private void TrackLineErrors(SensorCounters counters)
    {
        long checksum = counters.ChecksumErrors;
        long foreign = counters.ForeignFrames;
        long garbage = counters.GarbageBytes;
        long total = checksum + foreign + garbage;
        if (total > _lineErrors && !_inLineErrorBurst)
        {
            SensorHubLog.LineErrors(_logger, _registration.Name, checksum, foreign, garbage);
            _inLineErrorBurst = true;
        }
        else if (total == _lineErrors)
        {
            _inLineErrorBurst = false;
        }

        _lineErrors = total;
    }

    private TimeSpan Backoff()
    {
        // interval, 2×, 4×, … capped: a missing sensor costs almost nothing, a flaky one is back quickly.
        int doublings = Math.Min(_failures, 30);
        double ticks = _registration.Interval.Ticks * Math.Pow(2, doublings);
        return ticks >= _hub.Options.MaxBackoff.Ticks ? _hub.Options.MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private QuantityAccumulator Accumulator(Quantity quantity, ReadingBasis basis)
    {
        int slot = ((int)quantity * 2) + (int)basis;
        return _accumulators[slot] ??= new QuantityAccumulator(quantity, basis, _rules);
    }

    private void SetState(SensorState state)
    {
        lock (_gate)
        {
            _state = state;
        }
    }

    private static bool Wait(DateTimeOffset until, CancellationToken stopping)
    {
        var delay = until - SensorHub.Now;
        if (delay <= TimeSpan.Zero)
        {
            return stopping.IsCancellationRequested;
        }

        // WaitOne truncates to whole milliseconds; rounding up keeps a reading from coming a fraction early.
        return stopping.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)));
    }
}
