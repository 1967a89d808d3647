using Xunit;

namespace SmartCity.Arm64.Tests;

/// <summary>
/// A fact that runs the arm64 agent under <c>qemu-aarch64-static</c> (Debian qemu-user-static) with Debian's arm64
/// libraries (multiarch: the loader /lib/ld-linux-aarch64.so.1 from libc6:arm64). Skipped when either is missing,
/// except with CI=true, where it runs and fails: CI cannot silently skip the emulated checks. tools/test.sh installs both.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QemuFactAttribute : FactAttribute
{
    public QemuFactAttribute()
    {
        if (!Qemu.IsCi && Qemu.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Finds qemu-aarch64-static and the arm64 sysroot, and runs the published agent under it.</summary>
public static class Qemu
{
    /// <summary>The arm64 dynamic loader that Debian's libc6:arm64 installs.</summary>
    public const string Arm64Loader = "/lib/ld-linux-aarch64.so.1";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The emulator, or null when it is not installed.</summary>
    public static string? Executable { get; } = new[] { "/usr/bin/qemu-aarch64-static", "/usr/local/bin/qemu-aarch64-static" }.FirstOrDefault(File.Exists);

    /// <summary>Why the emulated checks cannot run here, or null when they can.</summary>
    public static string? MissingReason() =>
        Executable is null ? "qemu-aarch64-static is not installed (apt-get install qemu-user-static)."
        : !File.Exists(Arm64Loader) ? $"{Arm64Loader} is missing (dpkg --add-architecture arm64; apt-get install libc6:arm64 libstdc++6:arm64 libssl3:arm64 zlib1g:arm64)."
        : null;

    /// <summary>Runs the arm64 <paramref name="binary"/> under qemu with the Debian multiarch sysroot (<c>-L /</c>).</summary>
    public static ProcessResult Run(string binary, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        string qemu = Executable ?? throw new InvalidOperationException(MissingReason());
        if (!File.Exists(Arm64Loader))
        {
            throw new InvalidOperationException(MissingReason());
        }

        return ProcessRunner.Run(qemu, ["-L", "/", binary, .. arguments], workingDirectory, timeout);
    }
}
