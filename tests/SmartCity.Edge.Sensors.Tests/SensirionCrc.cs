namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// The Sensirion CRC-8 written from the datasheets (SHT4x §4.4, SCD4x §3.11): polynomial 0x31
/// (x⁸ + x⁵ + x⁴ + 1), initial value 0xFF, no reflection, no final XOR; example CRC(0xBEEF) = 0x92.
/// </summary>
internal static class SensirionCrc
{
    public static byte Of(byte msb, byte lsb)
    {
        byte crc = 0xFF;
        foreach (byte b in (ReadOnlySpan<byte>)[msb, lsb])
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    /// <summary>Writes <paramref name="word"/> big-endian followed by its CRC into three bytes.</summary>
    public static void WriteWord(Span<byte> destination, ushort word)
    {
        destination[0] = (byte)(word >> 8);
        destination[1] = (byte)word;
        destination[2] = Of(destination[0], destination[1]);
    }
}
