using System.Buffers.Binary;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>Small state files (checkpoint, seq high-water mark) holding one <see cref="long"/> and its CRC-32C,
/// replaced atomically: write a temp file, fsync it, rename over the old one, fsync the directory.</summary>
internal static class DurableFile
{
    private const int Size = 12;

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="value"/>.</summary>
    public static void WriteInt64(string path, long value)
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], Crc32C.Compute(bytes[..8]));
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Reads the value; <see cref="StateFileRead.Missing"/> or <see cref="StateFileRead.Corrupt"/> leave it 0.</summary>
    public static StateFileRead TryReadInt64(string path, out long value)
    {
        value = 0;
        if (!File.Exists(path))
        {
            return StateFileRead.Missing;
        }

        Span<byte> bytes = stackalloc byte[Size + 1];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
        {
            read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        }

        if (read != Size || BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]) != Crc32C.Compute(bytes[..8]))
        {
            return StateFileRead.Corrupt;
        }

        value = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return StateFileRead.Ok;
    }
}
