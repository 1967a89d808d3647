using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>A sensor that returns fixed values, or fails with a fault while <see cref="Failing"/> is set.</summary>
internal sealed class ScriptedSensor : ISensor
{
    private readonly SensorReading[] _values;

    public ScriptedSensor(string name, params (Quantity Quantity, double Value, ReadingBasis Basis)[] values)
    {
        Name = name;
        _values = values.Select(v => new SensorReading(v.Quantity, v.Value, default, v.Basis)).ToArray();
        Quantities = values.Select(v => v.Quantity).Distinct().ToArray();
    }

    public string Name { get; }

    public string Model => "scripted";

    public IReadOnlyList<Quantity> Quantities { get; }

    public int MaxReadings => _values.Length;

    public SensorCounters Counters { get; } = new();

    public volatile bool Failing;

    public int ReadAttempts;

    public bool TryRead(DateTimeOffset timestamp, Span<SensorReading> destination, out int written, out SensorFault fault)
    {
        Interlocked.Increment(ref ReadAttempts);
        if (Failing)
        {
            written = 0;
            fault = SensorFault.Timeout;
            return false;
        }

        for (int i = 0; i < _values.Length; i++)
        {
            destination[i] = _values[i] with { Timestamp = timestamp };
        }

        written = _values.Length;
        fault = SensorFault.None;
        return true;
    }

    public void Dispose()
    {
    }
}
