using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using SmartCity.Edge.Updates;

namespace SmartCity.Tools.Bundle;

/// <summary>The verbs: <c>keygen</c>, <c>sign</c>, <c>verify</c>.</summary>
internal static class BundleCommands
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int BadInput = 2;

    public static Command KeyGen()
    {
        var outDir = new Option<string>("--out") { Description = "Folder for city-signing.key.pem (private, mode 0600) and city-signing.pub.pem.", Required = true };
        var name = new Option<string>("--name") { Description = "File name stem.", DefaultValueFactory = _ => "city-signing" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var command = new Command("keygen", "Create the city's ECDSA P-256 signing key pair. Keep the private key offline; install the public key on every device.")
        {
            outDir, name, force,
        };
        command.SetAction(parse => RunKeyGen(parse.GetRequiredValue(outDir), parse.GetRequiredValue(name), parse.GetValue(force)));
        return command;
    }

    public static Command Sign()
    {
        var key = new Option<string>("--key") { Description = "Private key PEM (from keygen).", Required = true };
        var kind = new Option<string>("--kind") { Description = "config or model.", Required = true };
        kind.AcceptOnlyFromAmong("config", "model");
        var name = new Option<string>("--name") { Description = "Bundle name (model or configuration name).", Required = true };
        var version = new Option<long>("--version") { Description = "Version, monotonic per kind (≥ 1); devices refuse a version not above theirs.", Required = true };
        var devices = new Option<string[]>("--device", "-d")
        {
            Description = "Target device id; repeat for several.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var validDays = new Option<double>("--valid-days") { Description = "Days until the bundle expires.", DefaultValueFactory = _ => 30 };
        var output = new Option<string>("--out", "-o") { Description = "Bundle file to write (.scb).", Required = true };
        var files = new Argument<string[]>("FILE") { Description = "Payload files, or one folder whose files are all included.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("sign", "Hash the files, write the manifest and sign it into a bundle.")
        {
            key, kind, name, version, devices, validDays, output, files,
        };
        command.SetAction(parse => RunSign(
            parse.GetRequiredValue(key), parse.GetRequiredValue(kind), parse.GetRequiredValue(name), parse.GetValue(version),
            parse.GetRequiredValue(devices), parse.GetValue(validDays), parse.GetRequiredValue(output), parse.GetRequiredValue(files)));
        return command;
    }

    public static Command Verify()
    {
        var publicKey = new Option<string>("--public-key", "--pub") { Description = "The city's public key PEM, as the device holds it.", Required = true };
        var device = new Option<string>("--device", "-d") { Description = "Check the bundle as this device would.", Required = true };
        var installed = new Option<long>("--installed-version") { Description = "Version the device has installed now.", DefaultValueFactory = _ => 0 };
        var bundle = new Argument<string>("BUNDLE") { Description = "Bundle file (.scb)." };
        var command = new Command("verify", "Verify a bundle as a device would: signature, target, expiry, version, file hashes. Exit 1 when refused.")
        {
            publicKey, device, installed, bundle,
        };
        command.SetAction(parse => RunVerify(parse.GetRequiredValue(publicKey), parse.GetRequiredValue(device), parse.GetValue(installed), parse.GetRequiredValue(bundle)));
        return command;
    }

    internal static int RunKeyGen(string outDir, string name, bool force)
    {
        string privatePath = Path.Combine(outDir, name + ".key.pem");
        string publicPath = Path.Combine(outDir, name + ".pub.pem");
        if (!force && (File.Exists(privatePath) || File.Exists(publicPath)))
        {
            return Report($"{privatePath} or {publicPath} exists; pass --force to replace the city's signing key.");
        }

        try
        {
            Directory.CreateDirectory(outDir);
            using var key = BundleSigningKey.Create();
            WritePrivate(privatePath, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
            Console.WriteLine($"wrote {privatePath} (private, mode 0600: keep it offline)");
            Console.WriteLine($"wrote {publicPath} (install on devices)");
            Console.WriteLine($"key id {BundleSigningKey.ComputeKeyId(key)}");
            return Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Report($"--out {outDir}: {ex.Message}");
        }
    }

    internal static int RunSign(string keyPath, string kindName, string name, long version, string[] devices, double validDays, string output, string[] inputs)
    {
        if (!BundleKinds.TryParse(kindName, out var kind))
        {
            return Report($"--kind '{kindName}' is not config or model.");
        }

        if (!(validDays > 0))
        {
            return Report($"--valid-days {validDays.ToString(CultureInfo.InvariantCulture)} must be positive.");
        }

        var files = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.GetFiles(input).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                return Report($"{input}: no such file or folder.");
            }
        }

        try
        {
            using var key = BundleSigningKey.Load(keyPath);
            if (key.ExportParameters(includePrivateParameters: false).Q.X is null)
            {
                return Report($"--key {keyPath}: no key.");
            }

            Console.WriteLine($"hashing {files.Count} file(s) …");
            var manifest = BundleWriter.Create(output, new BundleRequest
            {
                Kind = kind,
                Name = name,
                Version = version,
                Targets = devices,
                ValidFor = TimeSpan.FromDays(validDays),
                Files = files,
            }, key);
            foreach (var file in manifest.Files)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.Path,-24} {file.Size,12:N0} bytes  sha256 {file.Sha256}"));
            }

            Console.WriteLine($"wrote {output}: {kind.ToName()} '{name}' v{version} for {string.Join(", ", manifest.Targets)}, expires {manifest.Expires:u}, key {manifest.KeyId}");
            return Ok;
        }
        catch (CryptographicException ex)
        {
            return Report(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Report(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Report(ex.Message);
        }
    }

    internal static int RunVerify(string publicKeyPath, string device, long installed, string bundle)
    {
        try
        {
            using var key = BundleSigningKey.Load(publicKeyPath);
            var verifier = new BundleVerifier(device, [key]);
            var verdict = verifier.Verify(bundle, expectedKind: null, installed);
            Console.WriteLine(verdict.Accepted ? $"ok: {verdict.Message}" : $"refused: {verdict.Message}");
            return verdict.Accepted ? Ok : Refused;
        }
        catch (CryptographicException ex)
        {
            return Report(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Report(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Report(ex.Message);
        }
    }

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        File.Delete(path); // UnixCreateMode only applies to a new file
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
        writer.Write('\n');
    }

    private static int Report(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return BadInput;
    }
}
