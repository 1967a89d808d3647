using System.CommandLine;
using SmartCity.Edge.Provisioning;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>provision</c>: creates the device identity (ECDSA P-256 key that stays on the device, CSR), trades the one-time
/// enrollment token for a client certificate and the broker address, writes the device configuration from a
/// template and prints the device id as a QR code for the asset register.
/// </summary>
internal static class ProvisionCommand
{
    /// <summary>Environment variable holding the token, so it does not end up in the shell history.</summary>
    public const string TokenVariable = "SMARTCITY_ENROLL_TOKEN";

    public static Command Create()
    {
        var device = new Option<string>("--device", "-d") { Description = "Device id from the work order (a-z, 0-9, '-').", Required = true };
        var site = new Option<string>("--site") { Description = "Site name written into the configuration.", Required = true };
        var cloud = new Option<Uri>("--cloud")
        {
            Description = "Cloud address, e.g. https://city.example (the enrollment endpoint is /api/enroll).",
            Required = true,
            // System.CommandLine has no built-in Uri parser.
            CustomParser = r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    return uri;
                }

                r.AddError($"--cloud '{text}' is not an http:// or https:// address (e.g. http://127.0.0.1:8080/).");
                return null;
            },
        };
        var token = new Option<string?>("--token") { Description = $"One-time enrollment token. Prefer --token-file or ${TokenVariable}: a token on the command line stays in the shell history." };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File holding the enrollment token." };
        var identity = new Option<DirectoryInfo>("--identity") { Description = "Folder for device.key.pem (0600), device.crt.pem, ca.crt.pem.", DefaultValueFactory = _ => new DirectoryInfo("/var/lib/smartcity/identity") };
        var template = new Option<FileInfo>("--template") { Description = "Device configuration template (firmware-configs/templates/*.json).", DefaultValueFactory = _ => new FileInfo("/opt/smartcity/firmware-configs/templates/pi-camera-air.json") };
        var output = new Option<FileInfo>("--config", "-c") { Description = "Where the device configuration is written.", DefaultValueFactory = _ => new FileInfo("/var/lib/smartcity/device.json") };
        var force = new Option<bool>("--force") { Description = "Replace an existing configuration and certificate (the device key is kept)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the enrollment service.", DefaultValueFactory = _ => 30 };
        var command = new Command("provision", "Create this device's identity, enroll it with the cloud (one-time token → client certificate), write its configuration and print its QR code.")
        {
            device, site, cloud, token, tokenFile, identity, template, output, force, timeout,
        };
        command.SetAction((parse, ct) => RunAsync(
            new Options(parse.GetRequiredValue(device), parse.GetRequiredValue(site), parse.GetRequiredValue(cloud), parse.GetValue(token), parse.GetValue(tokenFile)?.FullName,
                parse.GetRequiredValue(identity).FullName, parse.GetRequiredValue(template).FullName, parse.GetRequiredValue(output).FullName, parse.GetValue(force), TimeSpan.FromSeconds(parse.GetValue(timeout))),
            Console.Out, ct));
        return command;
    }

    internal sealed record Options(string Device, string Site, Uri Cloud, string? Token, string? TokenFile, string Identity, string Template, string Config, bool Force, TimeSpan Timeout);

    internal static async Task<int> RunAsync(Options o, TextWriter output, CancellationToken cancellationToken)
    {
        string? token = o.Token;
        if (token is null && o.TokenFile is not null)
        {
            try
            {
                token = (await File.ReadAllTextAsync(o.TokenFile, cancellationToken).ConfigureAwait(false)).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CliErrors.Report($"--token-file {o.TokenFile}: {ex.Message}");
            }
        }

        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            return CliErrors.Report($"no enrollment token: give --token-file FILE, set {TokenVariable}, or --token TOKEN.");
        }

        if (o.Cloud.Scheme is not ("https" or "http"))
        {
            return CliErrors.Report($"--cloud {o.Cloud}: must be an http(s) address.");
        }

        if (o.Cloud.Scheme == "http" && !o.Cloud.IsLoopback)
        {
            output.WriteLine($"warning: {o.Cloud} is plain http: the token travels unencrypted (fine on loopback, not in the field).");
        }

        output.WriteLine($"provisioning {o.Device} at {o.Site} against {o.Cloud}");
        using var http = new HttpClient { Timeout = o.Timeout };
        var provisioner = new DeviceProvisioner(new EnrollmentClient(http), new LineProgress(output));
        try
        {
            var result = await provisioner.ProvisionAsync(new ProvisioningRequest
            {
                DeviceId = o.Device,
                Site = o.Site,
                Token = token,
                Cloud = o.Cloud,
                IdentityFolder = o.Identity,
                TemplatePath = o.Template,
                ConfigPath = o.Config,
                Force = o.Force,
            }, cancellationToken).ConfigureAwait(false);
            output.WriteLine();
            output.Write(result.QrCode);
            output.WriteLine($"  {o.Device}");
            output.WriteLine();
            output.WriteLine($"done: broker {result.Broker.Host}:{result.Broker.Port}, certificate valid until {result.NotAfter:u}");
            output.WriteLine($"next: smartcity-edge doctor --config {result.ConfigPath}");
            return CliErrors.Ok;
        }
        catch (ProvisioningException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return CliErrors.Failed;
        }
    }

    /// <summary>Writes each step as it happens (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine(value);
    }
}
