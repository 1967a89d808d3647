using System.Runtime.InteropServices;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>fsync of a directory, which .NET has no API for.</summary>
/// <remarks>A rename or a new file is only durable once its directory entry is on disk; without this a power loss
/// right after a checkpoint rename can bring back the old checkpoint or lose a freshly created segment.</remarks>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    /// <summary>Flushes the directory entries of <paramref name="directory"/>; a no-op where the OS has no such call.</summary>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Windows (NTFS) journals metadata; macOS would need F_FULLFSYNC: neither is a deployment target.
            return;
        }

        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
