using System.Device.I2c;

namespace SmartCity.Tools.Fuzz.Targets;

/// <summary>
/// An I²C device and a serial stream whose reads return the fuzz input, in order; writes are ignored. When the input
/// runs out a read fails as real hardware does: <see cref="IOException"/> (NACK) on I²C, <see cref="TimeoutException"/> on a UART.
/// </summary>
internal sealed class ScriptedBus : I2cDevice
{
    private readonly I2cConnectionSettings _settings;
    private byte[] _data = [];
    private int _position;

    public ScriptedBus(int address) => _settings = new I2cConnectionSettings(1, address);

    public override I2cConnectionSettings ConnectionSettings => _settings;

    public void Reset(ReadOnlySpan<byte> data)
    {
        _data = data.ToArray();
        _position = 0;
    }

    public override void Read(Span<byte> buffer)
    {
        if (_position + buffer.Length > _data.Length)
        {
            _position = _data.Length;
            throw new IOException("Error 121 performing I2C data transfer (fuzz input exhausted: NACK).");
        }

        _data.AsSpan(_position, buffer.Length).CopyTo(buffer);
        _position += buffer.Length;
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
    }

    public override void WriteByte(byte value)
    {
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => Read(readBuffer);
}

/// <summary>A UART as a stream: reads return the fuzz input, then time out.</summary>
internal sealed class ScriptedSerialStream : Stream
{
    private byte[] _data = [];
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Reset(ReadOnlySpan<byte> data)
    {
        _data = data.ToArray();
        _position = 0;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= _data.Length)
        {
            throw new TimeoutException("The operation has timed out (fuzz input exhausted).");
        }

        int n = Math.Min(count, _data.Length - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Wraps an I²C device and records every byte read from it: a valid session to seed the fuzzer with.</summary>
internal sealed class RecordingI2c(I2cDevice inner) : I2cDevice
{
    public List<byte> Recorded { get; } = [];

    public override I2cConnectionSettings ConnectionSettings => inner.ConnectionSettings;

    public override void Read(Span<byte> buffer)
    {
        inner.Read(buffer);
        Recorded.AddRange(buffer.ToArray());
    }

    public override byte ReadByte()
    {
        byte b = inner.ReadByte();
        Recorded.Add(b);
        return b;
    }

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void WriteByte(byte value) => inner.WriteByte(value);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        inner.WriteRead(writeBuffer, readBuffer);
        Recorded.AddRange(readBuffer.ToArray());
    }
}
