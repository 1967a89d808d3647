using System.Device.I2c;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// An SHT4x behind <see cref="I2cDevice"/> (Sensirion SHT4x datasheet §4.5): a one-byte command (0x94 soft
/// reset; 0xFD / 0xF6 / 0xE0 measure at high / medium / low repeatability) and, after a measure command, a
/// 6-byte answer: temperature word, CRC, humidity word, CRC. A read with no measurement pending is NACKed.
/// </summary>
internal sealed class SimulatedSht4x : I2cDevice
{
    private readonly I2cConnectionSettings _settings = new(1, 0x44);
    private readonly byte[] _answer = new byte[6];
    private bool _pending;

    /// <summary>The raw temperature word S_T the next measurement returns.</summary>
    public ushort TemperatureTicks { get; set; }

    /// <summary>The raw humidity word S_RH the next measurement returns.</summary>
    public ushort HumidityTicks { get; set; }

    /// <summary>When set, the humidity CRC of the next answers is wrong (a flipped bit on the bus).</summary>
    public bool CorruptHumidityCrc { get; set; }

    /// <summary>When true every transfer throws <see cref="IOException"/>, like an unplugged device.</summary>
    public bool Disconnected { get; set; }

    /// <summary>Measure commands received so far.</summary>
    public int Measurements { get; private set; }

    /// <summary>The last command byte received.</summary>
    public byte LastCommand { get; private set; }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    public override void WriteByte(byte value)
    {
        Check();
        LastCommand = value;
        if (value is 0xFD or 0xF6 or 0xE0)
        {
            SensirionCrc.WriteWord(_answer, TemperatureTicks);
            SensirionCrc.WriteWord(_answer.AsSpan(3), HumidityTicks);
            if (CorruptHumidityCrc)
            {
                _answer[5] ^= 0x01;
            }

            _pending = true;
            Measurements++;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (byte b in buffer)
        {
            WriteByte(b);
        }
    }

    public override void Read(Span<byte> buffer)
    {
        Check();
        if (!_pending)
        {
            throw new IOException("Error 121 performing I2C data transfer (no measurement pending: address NACK).");
        }

        _pending = false;
        int n = Math.Min(buffer.Length, _answer.Length);
        _answer.AsSpan(0, n).CopyTo(buffer);
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Check()
    {
        if (Disconnected)
        {
            throw new IOException("Error 121 performing I2C data transfer (simulated SHT4x disconnected).");
        }
    }
}
