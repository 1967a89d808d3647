using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Sensors.Configuration;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// Hardware rules beyond the loader's (which refuses two sensors on one I2C bus and address, and one serial path
/// used twice): different names for the same UART (on a Raspberry Pi <c>/dev/serial0</c> is <c>/dev/ttyAMA0</c> or
/// <c>/dev/ttyS0</c>; symbolic links such as the udev names are followed when the device exists here), and, on the
/// device itself, a sensor on the UART that also carries the kernel's serial console.
/// </summary>
internal static class HardwareRules
{
    // The GPIO header UART has several names; any two of them on two sensors are one UART used twice.
    private static readonly string[][] Aliases =
    [
        ["/dev/serial0", "/dev/ttyAMA0", "/dev/ttyS0"],
        ["/dev/serial1", "/dev/ttyAMA1"],
    ];

    /// <summary>Problems found, each naming the key; empty when none.</summary>
    /// <param name="config">The loaded configuration.</param>
    /// <param name="cmdlinePath">The kernel command line to look for a serial console (null: not checked).</param>
    public static IReadOnlyList<string> Check(AgentConfiguration config, string? cmdlinePath = "/boot/firmware/cmdline.txt")
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var uarts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sensor in config.Sensors.Items)
        {
            if (SensorModels.BusOf(sensor.Type) != SensorBusKind.Serial || sensor.Port is null || sensor.Simulated)
            {
                continue;
            }

            string uart = Canonical(sensor.Port);
            if (uarts.TryGetValue(uart, out string? other))
            {
                problems.Add($"Sensors:{sensor.Name}:Port: '{sensor.Port}' is the same UART ({uart}) as sensor '{other}'; a UART carries one sensor.");
            }
            else
            {
                uarts[uart] = sensor.Name;
            }
        }

        if (cmdlinePath is not null && File.Exists(cmdlinePath))
        {
            string cmdline = File.ReadAllText(cmdlinePath);
            foreach (var (uart, sensor) in uarts)
            {
                foreach (string token in cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (token.StartsWith("console=", StringComparison.Ordinal)
                        && Canonical("/dev/" + token["console=".Length..].Split(',')[0]) == uart)
                    {
                        problems.Add($"Sensors:{sensor}:Port: {uart} also carries the kernel console ({token} in {cmdlinePath}); remove it (raspi-config → serial console off).");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The UART a serial path refers to: links followed where they exist, Pi aliases folded together.</summary>
    internal static string Canonical(string port)
    {
        string path = port;
        try
        {
            if (File.ResolveLinkTarget(port, returnFinalTarget: true) is { } target)
            {
                path = target.FullName;
            }
        }
        catch (IOException)
        {
        }

        foreach (var group in Aliases)
        {
            if (Array.IndexOf(group, path) >= 0)
            {
                return group[0];
            }
        }

        return path;
    }
}
