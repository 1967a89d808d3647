using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Drivers;

/// <summary>
/// Base of the sensors driven through Iot.Device.Bindings: turns the bindings' exceptions (a missing or
/// disconnected device throws <see cref="IOException"/>) and NaN values into a <see cref="SensorFault"/> and
/// counters, so one bad device never throws into the sampler.
/// </summary>
public abstract class BindingSensor : ISensor
{
    /// <summary>Creates the sensor named <paramref name="name"/>.</summary>
    protected BindingSensor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public abstract string Model { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<Quantity> Quantities { get; }

    /// <inheritdoc/>
    public int MaxReadings => Quantities.Count;

    /// <inheritdoc/>
    public SensorCounters Counters { get; } = new();

    /// <inheritdoc/>
    public bool TryRead(DateTimeOffset timestamp, Span<SensorReading> destination, out int written, out SensorFault fault)
    {
        written = 0;
        bool ok;
        try
        {
            ok = ReadCore(timestamp, destination, out written);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Interlocked.Increment(ref Counters._busErrors);
            written = 0;
            fault = SensorFault.BusError;
            return false;
        }

        if (!ok || written == 0)
        {
            Interlocked.Increment(ref Counters._invalidValues);
            written = 0;
            fault = SensorFault.InvalidValue;
            return false;
        }

        for (int i = 0; i < written; i++)
        {
            if (!double.IsFinite(destination[i].Value))
            {
                // A binding returns NaN when a measurement was skipped or a CRC failed: report nothing rather than NaN.
                Interlocked.Increment(ref Counters._invalidValues);
                written = 0;
                fault = SensorFault.InvalidValue;
                return false;
            }
        }

        Interlocked.Increment(ref Counters._reads);
        fault = SensorFault.None;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the binding and its bus device.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary>
    /// Reads the device through the binding; may throw the bindings' I/O exceptions. Returns false when the
    /// binding reports a failed read.
    /// </summary>
    protected abstract bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written);
}
