using System.IO.Ports;

namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>A real serial port (8N1, no handshake) through System.IO.Ports.</summary>
public sealed class SerialPortLink : ISerialLink
{
    private readonly SerialPort _port;
    private int _readTimeoutMs = -2;

    /// <summary>Opens <paramref name="portName"/> at <paramref name="baudRate"/> baud; throws <see cref="IOException"/> when it cannot.</summary>
    public SerialPortLink(string portName, int baudRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            WriteTimeout = 1000,
        };
        try
        {
            _port.Open();
        }
        catch (UnauthorizedAccessException ex)
        {
            _port.Dispose();
            throw new IOException($"{portName}: access denied (is the user in the dialout group?): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException)
        {
            _port.Dispose();
            throw new IOException($"{portName}: cannot open the serial port: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public string PortName => _port.PortName;

    /// <inheritdoc/>
    public int BytesAvailable => _port.BytesToRead;

    /// <inheritdoc/>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int ms = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        if (ms == 0 && _port.BytesToRead == 0)
        {
            return 0;
        }

        if (ms != _readTimeoutMs)
        {
            // SerialPort treats 0 as "no timeout" on some platforms; 1 ms is the shortest honest wait.
            _port.ReadTimeout = Math.Max(1, ms);
            _readTimeoutMs = ms;
        }

        try
        {
            return _port.BaseStream.Read(buffer);
        }
        catch (TimeoutException)
        {
            // A silent sensor: the caller counts the timeout; the exception only costs when the line is quiet.
            return 0;
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        _port.BaseStream.Write(data);
        _port.BaseStream.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => _port.Dispose();
}
