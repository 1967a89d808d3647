using System.Buffers.Binary;
using System.Numerics;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>CRC-32C (Castagnoli) over the BCL's hardware-accelerated <see cref="BitOperations.Crc32C(uint, ulong)"/>.</summary>
/// <remarks>CRC-32C rather than CRC-32 because it is a single instruction on x64 (SSE4.2) and ARMv8, the two
/// architectures edge boxes run on, so checking every record on recovery costs little.</remarks>
internal static class Crc32C
{
    /// <summary>Continues a running CRC (start with <c>0</c>) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return ~state;
    }

    /// <summary>CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);
}
