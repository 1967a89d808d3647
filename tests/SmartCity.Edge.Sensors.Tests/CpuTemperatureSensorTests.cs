using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.CpuTemperature;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// <see cref="CpuTemperatureSensor"/> on a file laid out like Linux's <c>/sys/class/thermal/thermal_zone*/temp</c>
/// (kernel Documentation/driver-api/thermal/sysfs-api.rst: "temp … in millidegree Celsius").
/// </summary>
public sealed class CpuTemperatureSensorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("thermal_zone").FullName;

    private string TempFile => Path.Combine(_directory, "temp");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("45678\n", 45.678)]
    [InlineData("0\n", 0.0)]
    [InlineData("-5250", -5.25)]
    [InlineData("85000\n", 85.0)]
    public void Reads_millidegrees_as_celsius(string text, double celsius)
    {
        File.WriteAllText(TempFile, text);
        using var sensor = new CpuTemperatureSensor("cpu", TempFile);
        var readings = new SensorReading[1];
        var at = DateTimeOffset.UtcNow;

        Assert.True(sensor.TryRead(at, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(1, written);
        Assert.Equal(Quantity.CpuTemperature, readings[0].Quantity);
        Assert.Equal(celsius, readings[0].Value, 1e-12);
        Assert.Equal("°C", readings[0].Unit);
        Assert.Equal(at, readings[0].Timestamp);
    }

    [Fact]
    public void Follows_the_file_as_it_changes()
    {
        File.WriteAllText(TempFile, "40000\n");
        using var sensor = new CpuTemperatureSensor("cpu", TempFile);
        var readings = new SensorReading[1];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out _));
        Assert.Equal(40.0, readings[0].Value, 1e-12);

        File.WriteAllText(TempFile, "61500\n");
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out _));
        Assert.Equal(61.5, readings[0].Value, 1e-12);
    }

    [Fact]
    public void A_missing_file_is_a_bus_fault_and_the_sensor_recovers_when_it_appears()
    {
        using var sensor = new CpuTemperatureSensor("cpu", TempFile);
        var readings = new SensorReading[1];

        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault));
        Assert.Equal(0, written);
        Assert.Equal(SensorFault.BusError, fault);
        Assert.Equal(1, sensor.Counters.BusErrors);

        File.WriteAllText(TempFile, "50000\n");
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out _));
        Assert.Equal(50.0, readings[0].Value, 1e-12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hot\n")]
    [InlineData("45.6\n")]
    public void Text_that_is_not_millidegrees_is_an_invalid_value(string text)
    {
        File.WriteAllText(TempFile, text);
        using var sensor = new CpuTemperatureSensor("cpu", TempFile);

        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, new SensorReading[1], out int written, out var fault));

        Assert.Equal(0, written);
        Assert.Equal(SensorFault.InvalidValue, fault);
        Assert.Equal(1, sensor.Counters.InvalidValues);
    }
}
