using System.CommandLine;
using System.Security.Cryptography;
using SmartCity.Contracts;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Updates;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>update</c>: applies a signed bundle on this device by hand — the same verification, A/B slots, self-test and
/// rollback as an update arriving on <c>cmd/model</c> or <c>cmd/config</c> — and shows or rolls back what is installed.
/// The printed result line is what the device sends on <c>cmd-result</c>.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "Update folder holding the slots (models/{a,b,current}, config/{a,b,current}).", DefaultValueFactory = _ => new DirectoryInfo("/var/lib/smartcity") };
        var publicKey = new Option<FileInfo[]>("--public-key") { Description = "The city's bundle signing public key(s) (PEM); two during a key rotation.", DefaultValueFactory = _ => [new FileInfo("/etc/smartcity/city-signing.pub.pem")], AllowMultipleArgumentsPerToken = true };
        var device = new Option<string>("--device", "-d") { Description = "This device's id (bundles for other devices are refused).", Required = true };
        var kind = new Option<string>("--kind") { Description = "model or config.", DefaultValueFactory = _ => "model" };
        kind.AcceptOnlyFromAmong("model", "config");
        var factory = new Option<DirectoryInfo?>("--factory") { Description = "Folder to seed slot a with as version 0 when nothing is installed yet (e.g. models/demo-traffic)." };
        var bundle = new Argument<FileInfo>("BUNDLE") { Description = "Signed bundle (.scb) from smartcity-bundle sign." };

        var install = new Command("install", "Verify and install a bundle: previous version kept, self-test, automatic rollback on failure.") { root, publicKey, device, kind, factory, bundle };
        install.SetAction((parse, ct) => InstallAsync(
            parse.GetRequiredValue(root).FullName, parse.GetRequiredValue(publicKey), parse.GetRequiredValue(device), parse.GetRequiredValue(kind), parse.GetValue(factory)?.FullName, parse.GetRequiredValue(bundle).FullName, Console.Out, ct));

        var rollback = new Command("rollback", "Switch back to the version kept in the other slot.") { root, publicKey, device, kind };
        rollback.SetAction((parse, ct) => RollbackAsync(parse.GetRequiredValue(root).FullName, parse.GetRequiredValue(publicKey), parse.GetRequiredValue(device), parse.GetRequiredValue(kind), Console.Out, ct));

        var seedFolder = new Argument<DirectoryInfo>("FOLDER") { Description = "The factory model folder (e.g. /opt/smartcity/models/demo-traffic) or configuration folder." };
        var seed = new Command("seed", "Put the factory version (v0) into slot a when nothing is installed yet, so the first update has something to roll back to.") { root, kind, seedFolder };
        seed.SetAction(parse => Seed(parse.GetRequiredValue(root).FullName, parse.GetRequiredValue(kind), parse.GetRequiredValue(seedFolder).FullName, Console.Out));

        var status = new Command("status", "Show the installed versions and slots.") { root };
        status.SetAction(parse => Status(parse.GetRequiredValue(root).FullName, Console.Out));

        return new Command("update", "Signed configuration and model updates on this device (A/B slots with rollback).") { install, rollback, seed, status };
    }

    internal static async Task<int> InstallAsync(string root, FileInfo[] publicKeys, string device, string kindName, string? factory, string bundle, TextWriter output, CancellationToken cancellationToken)
    {
        if (!TryOpen(root, publicKeys, device, kindName, out var installer, out int code))
        {
            return code;
        }

        using (installer)
        {
            if (factory is not null)
            {
                installer!.SeedFactory(ModelLocator.Resolve(factory), Path.GetFileName(factory.TrimEnd('/')));
            }

            output.WriteLine($"verifying {bundle} for {device} …");
            var result = await installer!.InstallAsync(bundle, cancellationToken).ConfigureAwait(false);
            Print(result, device, output);
            return result.Outcome == CommandOutcome.Ok ? CliErrors.Ok : CliErrors.Failed;
        }
    }

    internal static async Task<int> RollbackAsync(string root, FileInfo[] publicKeys, string device, string kindName, TextWriter output, CancellationToken cancellationToken)
    {
        if (!TryOpen(root, publicKeys, device, kindName, out var installer, out int code))
        {
            return code;
        }

        using (installer)
        {
            var result = await installer!.RollbackAsync(cancellationToken).ConfigureAwait(false);
            Print(result, device, output);
            return result.Outcome == CommandOutcome.Ok ? CliErrors.Ok : CliErrors.Failed;
        }
    }

    internal static int Seed(string root, string kindName, string folder, TextWriter output)
    {
        if (!BundleKinds.TryParse(kindName, out var kind))
        {
            return CliErrors.Report($"--kind '{kindName}' is not model or config.");
        }

        if (!Directory.Exists(folder))
        {
            return CliErrors.Report($"{folder}: no such folder.");
        }

        var store = new SlotStore(Path.Combine(root, FolderOf(kind)));
        if (store.ActiveSlot is not null)
        {
            output.WriteLine($"{kind.ToName()}: already installed (slot {store.ActiveSlot}, v{store.ReadState().ActiveVersion}); nothing seeded.");
            return CliErrors.Ok;
        }

        // Seeding needs no signature: it copies what shipped in the signed-off image, and only when nothing is installed.
        using var installer = new UpdateInstaller(kind, store, new BundleVerifier("seed", [BundleSigningKey.Create()]), (_, _) => ValueTask.FromResult(SelfTestResult.Pass("seed")));
        installer.SeedFactory(folder, Path.GetFileName(folder.TrimEnd('/')));
        output.WriteLine($"{kind.ToName()}: seeded v0 '{Path.GetFileName(folder.TrimEnd('/'))}' into {store.CurrentPath} (slot {store.ActiveSlot}).");
        return CliErrors.Ok;
    }

    internal static int Status(string root, TextWriter output)
    {
        foreach (var kind in new[] { BundleKind.Model, BundleKind.Config })
        {
            string folder = Path.Combine(root, FolderOf(kind));
            if (!Directory.Exists(folder))
            {
                output.WriteLine($"{kind.ToName(),-6} nothing installed ({folder})");
                continue;
            }

            var store = new SlotStore(folder);
            var s = store.ReadState();
            output.WriteLine($"{kind.ToName(),-6} active v{s.ActiveVersion} '{s.ActiveName}' in slot {store.ActiveSlot ?? "-"}; previous v{s.PreviousVersion} '{s.PreviousName}'; highest seen v{s.HighestVersion}; changed {s.ChangedAt:u}");
        }

        return CliErrors.Ok;
    }

    /// <summary>Slot folder of a kind under the update root: <c>models</c> or <c>config</c>.</summary>
    internal static string FolderOf(BundleKind kind) => kind == BundleKind.Model ? "models" : "config";

    private static bool TryOpen(string root, FileInfo[] publicKeys, string device, string kindName, out UpdateInstaller? installer, out int code)
    {
        installer = null;
        code = CliErrors.Ok;
        if (!DeviceIds.IsValid(device))
        {
            code = CliErrors.Report($"--device '{device}' is not a device id.");
            return false;
        }

        if (!BundleKinds.TryParse(kindName, out var kind))
        {
            code = CliErrors.Report($"--kind '{kindName}' is not model or config.");
            return false;
        }

        var keys = new List<ECDsa>();
        try
        {
            foreach (var file in publicKeys)
            {
                keys.Add(BundleSigningKey.Load(file.FullName));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            code = CliErrors.Report($"--public-key: {ex.Message}");
            return false;
        }

        SelfTest selfTest = kind == BundleKind.Model ? ModelSelfTest.Delegate : ConfigSelfTest;
        installer = new UpdateInstaller(kind, new SlotStore(Path.Combine(root, FolderOf(kind))), new BundleVerifier(device, keys), selfTest);
        return true;
    }

    /// <summary>A configuration bundle passes when its <c>device.json</c> validates (schema, loader, hardware rules).</summary>
    internal static ValueTask<SelfTestResult> ConfigSelfTest(string folder, CancellationToken cancellationToken)
    {
        string file = Path.Combine(folder, "device.json");
        if (!File.Exists(file))
        {
            return ValueTask.FromResult(SelfTestResult.Fail("the bundle has no device.json"));
        }

        using var text = new StringWriter();
        int code = ValidateCommand.Run([file], null, text);
        return ValueTask.FromResult(code == CliErrors.Ok
            ? SelfTestResult.Pass("device.json is valid")
            : SelfTestResult.Fail(text.ToString().Replace(Environment.NewLine, " ", StringComparison.Ordinal).Trim()));
    }

    private static void Print(UpdateResult result, string device, TextWriter output)
    {
        output.WriteLine($"{result.Outcome.ToString().ToLowerInvariant()}: {result.Message}");
        output.WriteLine($"  active {result.Kind.ToName()} v{result.ActiveVersion} in slot {result.ActiveSlot ?? "-"}{(result.RolledBack ? " (rolled back)" : "")}");
        var payload = result.ToCommandResult(device, seq: 0, requestId: "cli", commandName: result.Kind.ToName(), ts: DateTimeOffset.UtcNow);
        output.WriteLine($"  cmd-result: {System.Text.Encoding.UTF8.GetString(WireJson.Serialize(payload))}");
    }
}
