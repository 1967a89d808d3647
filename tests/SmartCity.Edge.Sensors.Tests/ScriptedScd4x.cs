using System.Device.I2c;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// An SCD4x behind <see cref="I2cDevice"/> answering fixed raw words (Sensirion SCD4x datasheet §3.5–3.9):
/// 0x21B1 start periodic measurement, 0x3F86 stop, 0x3646 reinit, 0xE4B8 get_data_ready_status (ready when the
/// low 11 bits are non-zero), 0xEC05 read_measurement (CO₂, T, RH words, each followed by its CRC-8).
/// </summary>
internal sealed class ScriptedScd4x : I2cDevice
{
    private readonly I2cConnectionSettings _settings = new(1, 0x62);
    private readonly byte[] _answer = new byte[9];
    private int _answerLength;

    public ushort Co2Word { get; set; }

    public ushort TemperatureWord { get; set; }

    public ushort HumidityWord { get; set; }

    /// <summary>When set, the temperature word's CRC is wrong.</summary>
    public bool CorruptTemperatureCrc { get; set; }

    /// <summary>The 16-bit commands received, in order.</summary>
    public List<ushort> Commands { get; } = [];

    public override I2cConnectionSettings ConnectionSettings => _settings;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return;
        }

        ushort command = (ushort)((buffer[0] << 8) | buffer[1]);
        Commands.Add(command);
        switch (command)
        {
            case 0xE4B8:
                SensirionCrc.WriteWord(_answer, 0x8006);
                _answerLength = 3;
                break;
            case 0xEC05:
                SensirionCrc.WriteWord(_answer, Co2Word);
                SensirionCrc.WriteWord(_answer.AsSpan(3), TemperatureWord);
                SensirionCrc.WriteWord(_answer.AsSpan(6), HumidityWord);
                if (CorruptTemperatureCrc)
                {
                    _answer[5] ^= 0x80;
                }

                _answerLength = 9;
                break;
            default:
                _answerLength = 0;
                break;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        if (_answerLength == 0)
        {
            throw new IOException("Error 121 performing I2C data transfer (read with no command answer: NACK).");
        }

        _answer.AsSpan(0, Math.Min(buffer.Length, _answerLength)).CopyTo(buffer);
        _answerLength = 0;
    }

    public override void WriteByte(byte value) => Write([value]);

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
}
