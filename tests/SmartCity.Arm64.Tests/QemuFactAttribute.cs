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

/// <summary>The theory form of <see cref="QemuFactAttribute"/>, with the same rule for CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class QemuTheoryAttribute : TheoryAttribute
{
    public QemuTheoryAttribute()
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

    /// <summary>Time allowed for one emulated command: emulation is 5–70x slower than native (a .NET start alone takes
    /// ~5 s; a detector frame ~3–7 s).</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(4);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The emulator, or null when it is not installed.</summary>
    public static string? Executable { get; } = new[] { "/usr/bin/qemu-aarch64-static", "/usr/local/bin/qemu-aarch64-static" }.FirstOrDefault(File.Exists);

    /// <summary>Why the emulated checks cannot run here, or null when they can.</summary>
    public static string? MissingReason() =>
        Executable is null ? "qemu-aarch64-static is not installed (apt-get install qemu-user-static)."
        : !File.Exists(Arm64Loader) ? $"{Arm64Loader} is missing (dpkg --add-architecture arm64; apt-get install libc6:arm64 libstdc++6:arm64 libssl3:arm64 zlib1g:arm64)."
        : null;

    /// <summary>Runs the arm64 <paramref name="binary"/> under qemu with the Debian multiarch sysroot (<c>-L /</c>).</summary>
    public static ProcessResult Run(string binary, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.Run(Emulator(), ["-L", "/", binary, .. arguments], workingDirectory, timeout);

    /// <summary>
    /// Runs the arm64 <paramref name="binary"/> as qemu's <paramref name="cpu"/> (its instruction set and the
    /// AT_HWCAP bits that ONNX Runtime picks kernels by), with a matching arm64 <c>/proc/cpuinfo</c> bound over the
    /// host's in a private mount namespace (<c>unshare -m</c>: root or CAP_SYS_ADMIN). ONNX Runtime's cpuinfo parses
    /// that file, and on the host's x86 one it segfaults (qemu: uncaught target signal 11).
    /// </summary>
    public static ProcessResult RunAs(ArmCpu cpu, string binary, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        string qemu = Emulator();
        string cpuinfo = Path.Combine(Path.GetTempPath(), $"smartcity-cpuinfo-{cpu.QemuName}-{Environment.ProcessId}");
        File.WriteAllText(cpuinfo, cpu.ProcCpuInfo());
        try
        {
            return ProcessRunner.Run(
                "unshare",
                ["-m", "sh", "-c", "mount --bind \"$1\" /proc/cpuinfo && shift && exec \"$@\"", "sh", cpuinfo,
                 qemu, "-cpu", cpu.QemuName, "-L", "/", binary, .. arguments],
                workingDirectory,
                timeout);
        }
        finally
        {
            File.Delete(cpuinfo);
        }
    }

    /// <summary>The emulator's path; throws with what to install when it or the arm64 sysroot is missing.</summary>
    private static string Emulator() =>
        MissingReason() is { } reason ? throw new InvalidOperationException(reason) : Executable!;
}

/// <summary>An arm64 core as qemu emulates it and as the Raspberry Pi's <c>/proc/cpuinfo</c> describes it.</summary>
/// <param name="QemuName">qemu's <c>-cpu</c> name.</param>
/// <param name="Part">The MIDR part number.</param>
/// <param name="Variant">The MIDR variant.</param>
/// <param name="Features">The <c>Features</c> line.</param>
public sealed record ArmCpu(string QemuName, string Part, string Variant, string Features)
{
    /// <summary>Raspberry Pi 4 (BCM2711): Armv8.0, NEON without the dot-product instructions.</summary>
    public static ArmCpu CortexA72 { get; } = new("cortex-a72", "0xd08", "0x0", "fp asimd evtstrm crc32 cpuid");

    /// <summary>Raspberry Pi 5 (BCM2712): Armv8.2 with the dot-product instructions (<c>asimddp</c>).</summary>
    public static ArmCpu CortexA76 { get; } = new(
        "cortex-a76", "0xd0b", "0x4", "fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp");

    /// <summary>Four cores, as on both boards.</summary>
    public string ProcCpuInfo() => string.Concat(Enumerable.Range(0, 4).Select(i =>
        $"processor\t: {i}\nBogoMIPS\t: 108.00\nFeatures\t: {Features}\nCPU implementer\t: 0x41\nCPU architecture: 8\n"
        + $"CPU variant\t: {Variant}\nCPU part\t: {Part}\nCPU revision\t: 1\n\n"));
}
