using System.Buffers.Binary;
using System.Device.I2c;

namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// An SCD4x behind <see cref="I2cDevice"/>: answers the 16-bit commands the binding sends (stop, reinit,
/// start periodic measurement, get data-ready status, read measurement) with Sensirion CRC-8 protected words
/// (SCD4x datasheet §3.11: polynomial 0x31, init 0xFF). Values come from an <see cref="AmbientProfile"/>.
/// </summary>
public sealed class SimulatedScd4x : I2cDevice
{
    private readonly I2cConnectionSettings _settings;
    private readonly AmbientProfile _profile;
    private readonly byte[] _response = new byte[9];
    private int _responseLength;
    private bool _periodic;

    /// <summary>Creates the device on address 0x62.</summary>
    public SimulatedScd4x(AmbientProfile profile, I2cConnectionSettings? settings = null)
    {
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _settings = settings ?? new I2cConnectionSettings(1, 0x62);
    }

    /// <summary>When true every transfer throws <see cref="IOException"/>.</summary>
    public bool Disconnected { get; set; }

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>Sensirion CRC-8 of a data word.</summary>
    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    /// <inheritdoc/>
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        Check();
        int n = Math.Min(buffer.Length, _responseLength);
        _response.AsSpan(0, n).CopyTo(buffer);
        buffer[n..].Fill(0xFF);
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Check();

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check();
        if (buffer.Length < 2)
        {
            return;
        }

        switch (BinaryPrimitives.ReadUInt16BigEndian(buffer))
        {
            case 0x21B1:
                _periodic = true;
                break;
            case 0x3F86:
                _periodic = false;
                break;
            case 0xE4B8:
                // Data ready: the low 11 bits are non-zero when a measurement is waiting.
                SetWords(_periodic ? (ushort)0x8006 : (ushort)0x8000);
                break;
            case 0xEC05:
                var t = DateTimeOffset.UtcNow;
                double co2 = Math.Clamp(_profile.Co2(t), 0, 40000);
                double temperature = _profile.Temperature(t);
                double humidity = _profile.RelativeHumidity(t);

                // Datasheet §3.5.2: T = −45 + 175·word/65535, RH = 100·word/65535.
                SetWords(
                    (ushort)Math.Round(co2),
                    (ushort)Math.Round(Math.Clamp((temperature + 45) * 65535 / 175, 0, 65535)),
                    (ushort)Math.Round(Math.Clamp(humidity * 65535 / 100, 0, 65535)));
                break;
        }
    }

    /// <inheritdoc/>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void SetWords(params ReadOnlySpan<ushort> words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            var slot = _response.AsSpan(i * 3, 3);
            BinaryPrimitives.WriteUInt16BigEndian(slot, words[i]);
            slot[2] = Crc8(slot[..2]);
        }

        _responseLength = words.Length * 3;
    }

    private void Check()
    {
        if (Disconnected)
        {
            throw new IOException($"Error 121 performing I2C data transfer (simulated SCD4x 0x{_settings.DeviceAddress:X2} disconnected).");
        }
    }
}
