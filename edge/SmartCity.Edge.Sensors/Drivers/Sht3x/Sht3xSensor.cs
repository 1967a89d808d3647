using System.Buffers.Binary;
using System.Device.I2c;
using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Drivers.Sht3x;

/// <summary>
/// Sensirion SHT3x (temperature, humidity), single-shot high-repeatability measurements with the CRC of every
/// word checked. Our own driver rather than Iot.Device.Bindings' Sht3x: that binding keeps the previous value
/// (0 on the first read) when a CRC fails, so a corrupted read would pass as a plausible number.
/// </summary>
public sealed class Sht3xSensor : BindingSensor
{
    // Datasheet (SHT3x-DIS, v6, 2019) table 9: single shot, high repeatability, clock stretching disabled;
    // measurement takes at most 15.5 ms (table 4).
    private static readonly byte[] s_measureHighRepeatability = [0x24, 0x00];
    private static readonly TimeSpan s_measurementTime = TimeSpan.FromMilliseconds(16);
    private static readonly Quantity[] s_quantities = [Quantity.Temperature, Quantity.RelativeHumidity];
    private readonly I2cDevice _device;

    /// <summary>Opens the SHT3x on <paramref name="i2cDevice"/> (owned; address 0x44 or 0x45).</summary>
    public Sht3xSensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(i2cDevice);
        _device = i2cDevice;
    }

    /// <inheritdoc/>
    public override string Model => "SHT3x";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <summary>Sensirion CRC-8 (polynomial 0x31, init 0xFF), datasheet section 4.12: CRC(0xBEEF) = 0x92.</summary>
    internal static byte Crc8(ReadOnlySpan<byte> data)
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
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;
        _device.Write(s_measureHighRepeatability);
        Thread.Sleep(s_measurementTime);
        Span<byte> response = stackalloc byte[6];
        _device.Read(response);
        if (Crc8(response[..2]) != response[2] || Crc8(response[3..5]) != response[5])
        {
            return false; // a corrupted word: a fault, never a value
        }

        // Datasheet section 4.13: T = -45 + 175 · S_T / (2^16 - 1), RH = 100 · S_RH / (2^16 - 1).
        double t = -45 + (175.0 * BinaryPrimitives.ReadUInt16BigEndian(response)) / 65535.0;
        double rh = 100.0 * BinaryPrimitives.ReadUInt16BigEndian(response[3..]) / 65535.0;
        destination[0] = new SensorReading(Quantity.Temperature, t, timestamp);
        destination[1] = new SensorReading(Quantity.RelativeHumidity, rh, timestamp);
        written = 2;
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _device.Dispose();
        }
    }
}
