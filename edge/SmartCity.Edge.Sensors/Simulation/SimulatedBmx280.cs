using System.Buffers.Binary;
using System.Device.I2c;

namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// A BME280 (or BMP280) register map behind <see cref="I2cDevice"/>: chip id, calibration NVM, control
/// registers and raw ADC data, exactly where the datasheet puts them. Tests load the datasheet's example; the
/// demo drives it from an <see cref="AmbientProfile"/> by inverting the compensation formulas, so the real
/// binding's compensation produces the profile's values. <see cref="Disconnected"/> makes every access throw
/// like a missing device.
/// </summary>
public sealed class SimulatedBmx280 : I2cDevice
{
    private const byte TemperatureData = 0xFA;
    private const byte PressureData = 0xF7;
    private const byte HumidityData = 0xFD;

    private readonly byte[] _registers = new byte[256];
    private readonly I2cConnectionSettings _settings;
    private Bmx280Calibration _calibration;
    private byte _pointer;
    private long _lastUpdate;

    /// <summary>Creates a BME280 (<paramref name="withHumidity"/>) or BMP280 loaded with <paramref name="calibration"/>.</summary>
    public SimulatedBmx280(bool withHumidity, Bmx280Calibration? calibration = null, I2cConnectionSettings? settings = null)
    {
        HasHumidity = withHumidity;
        _settings = settings ?? new I2cConnectionSettings(1, 0x76);
        _registers[0xD0] = withHumidity ? (byte)0x60 : (byte)0x58;
        _calibration = calibration ?? Bmx280Calibration.Datasheet;
        LoadCalibration(_calibration);
    }

    /// <summary>True for a BME280, false for a BMP280.</summary>
    public bool HasHumidity { get; }

    /// <summary>When set, the data registers follow this profile (updated at most every 100 ms).</summary>
    public AmbientProfile? Profile { get; set; }

    /// <summary>When true every transfer throws <see cref="IOException"/> (unplugged or dead device).</summary>
    public bool Disconnected { get; set; }

    /// <summary>Register transfers so far (for cost measurements).</summary>
    public long Transfers { get; private set; }

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>Writes the trimming parameters into the NVM registers.</summary>
    public void LoadCalibration(Bmx280Calibration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        _calibration = c;
        var r = _registers.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(r[0x88..], c.T1);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x8A..], c.T2);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x8C..], c.T3);
        BinaryPrimitives.WriteUInt16LittleEndian(r[0x8E..], c.P1);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x90..], c.P2);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x92..], c.P3);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x94..], c.P4);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x96..], c.P5);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x98..], c.P6);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x9A..], c.P7);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x9C..], c.P8);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x9E..], c.P9);
        if (!HasHumidity)
        {
            return;
        }

        // BME280 datasheet table 16: H4 and H5 are 12-bit values sharing register 0xE5.
        r[0xA1] = c.H1;
        BinaryPrimitives.WriteInt16LittleEndian(r[0xE1..], c.H2);
        r[0xE3] = c.H3;
        r[0xE4] = (byte)(c.H4 >> 4);
        r[0xE5] = (byte)((c.H4 & 0x0F) | ((c.H5 & 0x0F) << 4));
        r[0xE6] = (byte)(c.H5 >> 4);
        r[0xE7] = (byte)c.H6;
    }

    /// <summary>Sets the 20-bit raw temperature (registers 0xFA–0xFC).</summary>
    public void SetRawTemperature(int adc) => Write20(TemperatureData, adc);

    /// <summary>Sets the 20-bit raw pressure (registers 0xF7–0xF9).</summary>
    public void SetRawPressure(int adc) => Write20(PressureData, adc);

    /// <summary>Sets the 16-bit raw humidity (registers 0xFD–0xFE).</summary>
    public void SetRawHumidity(int adc) => BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan(HumidityData), (ushort)adc);

    /// <summary>
    /// Sets the raw registers so that the datasheet compensation yields (to its resolution) the given values.
    /// </summary>
    public void SetEnvironment(double temperatureCelsius, double relativeHumidity, double pressureHectopascals)
    {
        int adcT = Bmx280Compensation.InvertTemperature(_calibration, temperatureCelsius);
        double tFine = Bmx280Compensation.TemperatureFine(_calibration, adcT);
        SetRawTemperature(adcT);
        SetRawPressure(Bmx280Compensation.InvertPressure(_calibration, tFine, pressureHectopascals * 100));
        if (HasHumidity)
        {
            SetRawHumidity(Bmx280Compensation.InvertHumidity(_calibration, tFine, relativeHumidity));
        }
    }

    /// <inheritdoc/>
    public override byte ReadByte()
    {
        Touch();
        return _registers[_pointer];
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        Touch();
        UpdateFromProfile();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[(_pointer + i) & 0xFF];
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value)
    {
        Touch();
        _pointer = value;
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Touch();
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0];

        // Writes come as (register, value) pairs; there is no auto-increment in write mode (datasheet §6.2.1).
        for (int i = 0; i + 1 < buffer.Length; i += 2)
        {
            byte register = buffer[i];
            if (register is >= 0xF2 and <= 0xF5)
            {
                _registers[register] = buffer[i + 1];
            }
        }
    }

    /// <inheritdoc/>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Touch()
    {
        if (Disconnected)
        {
            throw new IOException($"Error 121 performing I2C data transfer (simulated device 0x{_settings.DeviceAddress:X2} disconnected).");
        }

        Transfers++;
    }

    private void UpdateFromProfile()
    {
        if (Profile is null || _pointer is not (PressureData or TemperatureData or HumidityData))
        {
            return;
        }

        long now = Environment.TickCount64;
        if (now - _lastUpdate < 100 && _lastUpdate != 0)
        {
            return;
        }

        _lastUpdate = now;
        var t = DateTimeOffset.UtcNow;
        SetEnvironment(Profile.Temperature(t), Profile.RelativeHumidity(t), Profile.Pressure(t));
    }

    private void Write20(byte register, int adc)
    {
        _registers[register] = (byte)(adc >> 12);
        _registers[register + 1] = (byte)(adc >> 4);
        _registers[register + 2] = (byte)((adc & 0x0F) << 4);
    }
}
