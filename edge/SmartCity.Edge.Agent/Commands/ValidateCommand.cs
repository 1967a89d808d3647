using System.CommandLine;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Provisioning;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>validate</c>: checks device configuration files against the JSON schema
/// (<c>firmware-configs/schema/device-config.schema.json</c>), the agent's own loader (every key and value) and
/// the hardware rules (two sensors on one I2C address, a UART used twice, a sensor on the console UART).
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Where the schema is looked for, relative to the working directory, the program and their parents.</summary>
    public const string SchemaRelativePath = "firmware-configs/schema/device-config.schema.json";

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("CONFIG") { Description = "Device configuration files.", Arity = ArgumentArity.OneOrMore };
        var schema = new Option<FileInfo?>("--schema") { Description = $"JSON schema (default: {SchemaRelativePath} found above the working directory, or /opt/smartcity/firmware-configs/schema/device-config.schema.json)." };
        var command = new Command("validate", "Check device configurations: JSON schema, every key and value, hardware rules (I2C addresses, UARTs). Exit 1 when one is invalid.")
        {
            files, schema,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(files).Select(f => f.FullName).ToArray(), parse.GetValue(schema)?.FullName, Console.Out));
        return command;
    }

    internal static int Run(string[] files, string? schemaPath, TextWriter output, string? cmdlinePath = "/boot/firmware/cmdline.txt")
    {
        schemaPath ??= FindSchema();
        if (schemaPath is null)
        {
            return CliErrors.Report($"no schema found ({SchemaRelativePath} or /opt/smartcity/firmware-configs/schema/device-config.schema.json); give --schema FILE.");
        }

        DeviceConfigSchema schema;
        try
        {
            schema = DeviceConfigSchema.Load(schemaPath);
        }
        catch (ProvisioningException ex)
        {
            return CliErrors.Report(ex.Message);
        }

        int invalid = 0;
        foreach (string file in files)
        {
            var problems = new List<string>();
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"INVALID {file}");
                output.WriteLine($"  cannot read: {ex.Message}");
                invalid++;
                continue;
            }

            foreach (string problem in schema.Validate(text))
            {
                problems.Add($"schema {problem}");
            }

            AgentConfiguration? config = null;
            var sources = DoctorSources.Create(() => config?.Synthetic ?? new SyntheticSourceSettings());
            try
            {
                config = AgentConfigurationLoader.Load(file, sources);
            }
            catch (AgentConfigurationException ex)
            {
                problems.Add(ex.Message.StartsWith(file, StringComparison.Ordinal) ? ex.Message[file.Length..].TrimStart(':', ' ') : ex.Message);
            }

            if (config is not null)
            {
                problems.AddRange(HardwareRules.Check(config, cmdlinePath));
            }

            if (problems.Count == 0)
            {
                output.WriteLine($"valid   {file} (device {config!.Device.Id}: {config.Source.Type} camera, {config.Sensors.Items.Count} sensors, {(config.Uplink is null ? "no uplink" : $"uplink {config.Uplink.Host}")})");
            }
            else
            {
                invalid++;
                output.WriteLine($"INVALID {file}");
                foreach (string problem in problems)
                {
                    output.WriteLine($"  {problem}");
                }
            }
        }

        return invalid == 0 ? CliErrors.Ok : CliErrors.Failed;
    }

    private static string? FindSchema()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, SchemaRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        const string installed = "/opt/smartcity/firmware-configs/schema/device-config.schema.json";
        return File.Exists(installed) ? installed : null;
    }
}
