using System.Buffers;
using System.Diagnostics;
using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>
/// What the SDS011 and PMS5003 drivers share: a receive buffer over an <see cref="ISerialLink"/>, waiting for a
/// measurement or a command reply with a deadline, reporting-mode set-up on first use, and sleep/wake.
/// </summary>
public abstract class SerialParticulateSensor : ISensor, IPowerManagedSensor
{
    private readonly SerialFrameBuffer _buffer = new();
    private readonly Lock _gate = new();
    private bool _configured;

    // A measurement decoded since the last reading was handed out (possibly while waiting for a command reply).
    private bool _fresh;

    /// <summary>Takes ownership of <paramref name="link"/>.</summary>
    protected SerialParticulateSensor(string name, ISerialLink link, SerialParticulateOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Link = link ?? throw new ArgumentNullException(nameof(link));
        Options = options ?? new SerialParticulateOptions();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public abstract string Model { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<Quantity> Quantities { get; }

    /// <inheritdoc/>
    public abstract int MaxReadings { get; }

    /// <inheritdoc/>
    public SensorCounters Counters { get; } = new();

    /// <inheritdoc/>
    public TimeSpan WarmUp => Options.WarmUp;

    /// <summary>True after <see cref="Sleep"/> until <see cref="Wake"/>.</summary>
    public bool IsAsleep { get; private set; }

    /// <summary>The options the driver was created with.</summary>
    protected SerialParticulateOptions Options { get; }

    /// <summary>The serial line.</summary>
    protected ISerialLink Link { get; }

    /// <inheritdoc/>
    public bool TryRead(DateTimeOffset timestamp, Span<SensorReading> destination, out int written, out SensorFault fault)
    {
        written = 0;
        lock (_gate)
        {
            if (IsAsleep)
            {
                fault = SensorFault.Asleep;
                return false;
            }

            try
            {
                if (!_configured && !TryConfigure(out fault))
                {
                    return false;
                }

                if (Options.Mode == ParticulateReportingMode.Query)
                {
                    // Frames already waiting are stale in query mode: decode (and count) them, then ask.
                    DrainPending();
                    _fresh = false;
                    WriteQuery();
                }

                if (!Receive(FrameWanted.Measurement, 0, Options.ReadTimeout, out fault))
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or TimeoutException)
            {
                Interlocked.Increment(ref Counters._busErrors);
                fault = SensorFault.BusError;
                return false;
            }

            written = WriteLatest(timestamp, destination);
            _fresh = false;
            Interlocked.Increment(ref Counters._reads);
            return true;
        }
    }

    /// <inheritdoc/>
    public bool Sleep()
    {
        lock (_gate)
        {
            try
            {
                bool acknowledged = SendSleep(out _);
                IsAsleep = true;
                return acknowledged;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
            {
                Interlocked.Increment(ref Counters._busErrors);
                return false;
            }
        }
    }

    /// <inheritdoc/>
    public bool Wake()
    {
        lock (_gate)
        {
            try
            {
                bool acknowledged = SendWake();
                IsAsleep = false;
                return acknowledged;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
            {
                Interlocked.Increment(ref Counters._busErrors);
                return false;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the serial line.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Link.Dispose();
        }
    }

    /// <summary>Sets the reporting mode; <see langword="false"/> with a fault when the sensor did not confirm.</summary>
    protected abstract bool Configure(out SensorFault fault);

    /// <summary>Sends the request for one measurement (query mode).</summary>
    protected abstract void WriteQuery();

    /// <summary>Sends the sleep command; true when acknowledged.</summary>
    protected abstract bool SendSleep(out SensorFault fault);

    /// <summary>Sends the wake command; true when acknowledged (or when the sensor gives no acknowledgement).</summary>
    protected abstract bool SendWake();

    /// <summary>
    /// Decodes the next frame from <paramref name="pending"/>, remembering a measurement as the latest one.
    /// <paramref name="replyCommand"/> is the command a reply answers, -1 for a measurement.
    /// </summary>
    protected abstract bool DecodeNext(in ReadOnlySequence<byte> pending, out SequencePosition consumed, out int replyCommand);

    /// <summary>Writes the readings of the latest measurement; returns how many.</summary>
    protected abstract int WriteLatest(DateTimeOffset timestamp, Span<SensorReading> destination);

    /// <summary>
    /// Receives until a frame of the wanted kind arrives or <paramref name="timeout"/> passes. When frames are
    /// queued the last one wins: in active mode the newest measurement is the one to report.
    /// </summary>
    protected bool Receive(FrameWanted wanted, int replyCommand, TimeSpan timeout, out SensorFault fault)
    {
        long started = Stopwatch.GetTimestamp();
        long checksumBefore = Counters.ChecksumErrors;
        long foreignBefore = Counters.ForeignFrames;
        bool received = false;
        while (true)
        {
            received |= DecodeAll(wanted, replyCommand) || (wanted == FrameWanted.Measurement && _fresh);
            if (received && Link.BytesAvailable == 0)
            {
                fault = SensorFault.None;
                return true;
            }

            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            int read = _buffer.Fill(Link, received ? TimeSpan.Zero : left, Counters);
            if (read == 0 && received)
            {
                fault = SensorFault.None;
                return true;
            }
        }

        if (received)
        {
            fault = SensorFault.None;
            return true;
        }

        if (Counters.ChecksumErrors > checksumBefore)
        {
            fault = SensorFault.ChecksumError;
        }
        else if (Counters.ForeignFrames > foreignBefore)
        {
            fault = SensorFault.ForeignFrame;
        }
        else
        {
            Interlocked.Increment(ref Counters._timeouts);
            fault = SensorFault.Timeout;
        }

        return false;
    }

    /// <summary>Reads and decodes whatever is already waiting, without blocking.</summary>
    protected void DrainPending()
    {
        while (Link.BytesAvailable > 0 && _buffer.Fill(Link, TimeSpan.Zero, Counters) > 0)
        {
            DecodeAll(FrameWanted.Measurement, 0);
        }

        DecodeAll(FrameWanted.Measurement, 0);
    }

    private bool DecodeAll(FrameWanted wanted, int replyCommand)
    {
        bool matched = false;
        while (true)
        {
            bool decoded = DecodeNext(_buffer.Pending, out var consumed, out int reply);
            _buffer.ConsumeTo(consumed);
            if (!decoded)
            {
                return matched;
            }

            _fresh |= reply < 0;
            matched |= wanted == FrameWanted.Measurement ? reply < 0 : reply == replyCommand;
        }
    }

    private bool TryConfigure(out SensorFault fault)
    {
        if (!Configure(out fault))
        {
            return false;
        }

        _configured = true;
        return true;
    }

    /// <summary>What <see cref="Receive"/> waits for.</summary>
    protected enum FrameWanted
    {
        /// <summary>A measurement frame.</summary>
        Measurement,

        /// <summary>The reply to a given command.</summary>
        Reply,
    }
}
