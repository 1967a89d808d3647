using System.Buffers.Binary;
using System.Device.I2c;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// A BME680 register map behind <see cref="I2cDevice"/>, laid out as in the Bosch BME680 datasheet
/// (BST-BME680-DS001, §5.2 memory map and the calibration-parameter table of §3.3): chip id 0x61 at 0xD0,
/// calibration words at 0x8A–0xA0 and 0xE1–0xEE, heater trims at 0x00/0x02/0x04, raw data at 0x1F–0x26 and
/// gas resistance at 0x2A–0x2B. Register writes arrive as (register, value) pairs.
/// </summary>
internal sealed class SimulatedBme680 : I2cDevice
{
    private readonly byte[] _registers = new byte[256];
    private readonly I2cConnectionSettings _settings = new(1, 0x76);
    private byte _pointer;

    public SimulatedBme680(Bme680Calibration calibration)
    {
        _registers[0xD0] = 0x61;
        var r = _registers.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(r[0xE9..], calibration.T1);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x8A..], calibration.T2);
        r[0x8C] = (byte)calibration.T3;
        BinaryPrimitives.WriteUInt16LittleEndian(r[0x8E..], calibration.P1);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x90..], calibration.P2);
        r[0x92] = (byte)calibration.P3;
        BinaryPrimitives.WriteInt16LittleEndian(r[0x94..], calibration.P4);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x96..], calibration.P5);
        r[0x98] = (byte)calibration.P7;
        r[0x99] = (byte)calibration.P6;
        BinaryPrimitives.WriteInt16LittleEndian(r[0x9C..], calibration.P8);
        BinaryPrimitives.WriteInt16LittleEndian(r[0x9E..], calibration.P9);
        r[0xA0] = calibration.P10;

        // par_h1 = 0xE3 << 4 | 0xE2<3:0>, par_h2 = 0xE1 << 4 | 0xE2<7:4> (12-bit values sharing 0xE2).
        r[0xE3] = (byte)(calibration.H1 >> 4);
        r[0xE1] = (byte)(calibration.H2 >> 4);
        r[0xE2] = (byte)((calibration.H1 & 0x0F) | ((calibration.H2 & 0x0F) << 4));
        r[0xE4] = (byte)calibration.H3;
        r[0xE5] = (byte)calibration.H4;
        r[0xE6] = (byte)calibration.H5;
        r[0xE7] = calibration.H6;
        r[0xE8] = (byte)calibration.H7;
        r[0xED] = (byte)calibration.G1;
        BinaryPrimitives.WriteInt16LittleEndian(r[0xEB..], calibration.G2);
        r[0xEE] = (byte)calibration.G3;
        r[0x00] = (byte)calibration.ResHeatVal;
        r[0x02] = (byte)(calibration.ResHeatRange << 4);
        r[0x04] = (byte)(calibration.RangeSwitchingError << 4);
    }

    /// <summary>When true every transfer throws <see cref="IOException"/>, like an unplugged device.</summary>
    public bool Disconnected { get; set; }

    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>Sets the 20-bit temperature and pressure ADC values and the 16-bit humidity ADC value.</summary>
    public void SetRawClimate(int temperatureAdc, int pressureAdc, int humidityAdc)
    {
        Write20(0x1F, pressureAdc);
        Write20(0x22, temperatureAdc);
        BinaryPrimitives.WriteUInt16BigEndian(_registers.AsSpan(0x25), (ushort)humidityAdc);
    }

    /// <summary>Sets gas_r (10 bits at 0x2A and 0x2B&lt;7:6&gt;), gas_range (0x2B&lt;3:0&gt;) and the valid/heater-stable flags.</summary>
    public void SetRawGas(int gasAdc, int gasRange, bool valid, bool heaterStable)
    {
        _registers[0x2A] = (byte)(gasAdc >> 2);
        _registers[0x2B] = (byte)(((gasAdc & 0x03) << 6) | (valid ? 0x20 : 0) | (heaterStable ? 0x10 : 0) | (gasRange & 0x0F));
    }

    /// <summary>The value last written to a control register (e.g. 0x74 ctrl_meas).</summary>
    public byte Register(byte address) => _registers[address];

    public override byte ReadByte()
    {
        Check();
        return _registers[_pointer];
    }

    public override void Read(Span<byte> buffer)
    {
        Check();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[(_pointer + i) & 0xFF];
        }
    }

    public override void WriteByte(byte value)
    {
        Check();
        _pointer = value;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check();
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0];
        for (int i = 0; i + 1 < buffer.Length; i += 2)
        {
            // Only the control block (heater set-points, ctrl_gas, ctrl_hum, ctrl_meas, config) is writable.
            if (buffer[i] is >= 0x50 and <= 0x75)
            {
                _registers[buffer[i]] = buffer[i + 1];
            }
        }
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
            throw new IOException("Error 121 performing I2C data transfer (simulated BME680 disconnected).");
        }
    }

    private void Write20(int register, int adc)
    {
        _registers[register] = (byte)(adc >> 12);
        _registers[register + 1] = (byte)(adc >> 4);
        _registers[register + 2] = (byte)((adc & 0x0F) << 4);
    }
}
