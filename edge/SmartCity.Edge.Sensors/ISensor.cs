using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors;

/// <summary>
/// A sensor the sampler can read: it owns its bus device, reports what it measures, and reads into a
/// caller's span (no allocation per read). A read never throws for a device problem; it returns
/// <see langword="false"/> with a <see cref="SensorFault"/> and bumps <see cref="Counters"/>.
/// </summary>
public interface ISensor : IDisposable
{
    /// <summary>The name given in the configuration, e.g. "pm-north".</summary>
    string Name { get; }

    /// <summary>The device model, e.g. "SDS011".</summary>
    string Model { get; }

    /// <summary>The quantities a successful read produces (at most <see cref="MaxReadings"/> values).</summary>
    IReadOnlyList<Quantity> Quantities { get; }

    /// <summary>How many readings one <see cref="TryRead"/> can write at most.</summary>
    int MaxReadings { get; }

    /// <summary>What went wrong and right so far.</summary>
    SensorCounters Counters { get; }

    /// <summary>
    /// Reads the sensor once. Writes up to <see cref="MaxReadings"/> readings stamped <paramref name="timestamp"/>
    /// into <paramref name="destination"/> and returns <see langword="true"/>, or returns <see langword="false"/>
    /// with <paramref name="fault"/> saying why.
    /// </summary>
    bool TryRead(DateTimeOffset timestamp, Span<SensorReading> destination, out int written, out SensorFault fault);
}
