namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>
/// The few things a UART sensor driver needs from a serial line. Production uses <see cref="SerialPortLink"/>
/// (System.IO.Ports); tests use the same class on a socat pseudo-terminal; the demo uses an in-process
/// simulated device.
/// </summary>
public interface ISerialLink : IDisposable
{
    /// <summary>The device path, e.g. "/dev/ttyUSB0".</summary>
    string PortName { get; }

    /// <summary>Bytes received and not yet read.</summary>
    int BytesAvailable { get; }

    /// <summary>
    /// Reads what has arrived into <paramref name="buffer"/>, waiting up to <paramref name="timeout"/> for the
    /// first byte. Returns the number of bytes read, 0 when nothing arrived in time.
    /// </summary>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Sends <paramref name="data"/> (a command frame).</summary>
    void Write(ReadOnlySpan<byte> data);
}
