using System.Runtime.InteropServices;

namespace SmartCity.Edge.Updates;

/// <summary>rename(2) and directory fsync, which .NET has no direct API for.</summary>
internal static partial class NativeFileSystem
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    /// <summary>Atomically replaces <paramref name="target"/> (a file or symbolic link) with <paramref name="source"/>.</summary>
    public static void Replace(string source, string target)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            File.Move(source, target, overwrite: true);
            return;
        }

        if (Rename(source, target) != 0)
        {
            throw new IOException($"rename of '{source}' to '{target}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Flushes the directory entries of <paramref name="directory"/>; a no-op off Linux.</summary>
    public static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int fd = Open(directory, ReadOnlyDirectory);
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

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
