using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>provision end to end against the real enrollment endpoint, with the shipped templates.</summary>
public sealed class DeviceProvisionerTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-provision-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private EnrollmentServer? _server;

    private EnrollmentServer Server => _server!;

    public async Task InitializeAsync() => _server = await EnrollmentServer.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Template(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "firmware-configs", "templates", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"firmware-configs/templates/{name} not found above {AppContext.BaseDirectory}.");
    }

    private ProvisioningRequest Request(string device, string token, bool force = false, string template = "simulated.json") => new()
    {
        DeviceId = device,
        Site = "test-site",
        Token = token,
        Cloud = Server.Address,
        IdentityFolder = Path.Combine(_folder, "device", "identity"),
        TemplatePath = Template(template),
        ConfigPath = Path.Combine(_folder, "device", "device.json"),
        Force = force,
    };

    [Fact]
    public async Task Provision_creates_a_private_key_gets_a_certificate_and_writes_the_configuration()
    {
        var token = Server.Service.CreateToken("pole-0200");
        var steps = new List<string>();

        var result = await new DeviceProvisioner(new EnrollmentClient(_http), new SyncProgress(steps.Add)).ProvisionAsync(Request("pole-0200", token.Token));

        Assert.True(result.KeyCreated);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.KeyPath));
        }

        using var cert = X509Certificate2.CreateFromPemFile(result.CertificatePath, result.KeyPath);
        Assert.True(cert.HasPrivateKey, "the certificate matches the device key");
        Assert.Equal("pole-0200", cert.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Equal("broker.city.test", result.Broker.Host);

        using var config = JsonDocument.Parse(File.ReadAllText(result.ConfigPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var uplink = config.RootElement.GetProperty("uplink");
        Assert.Equal("pole-0200", config.RootElement.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal(8884, uplink.GetProperty("port").GetInt32());
        Assert.Equal(result.KeyPath, uplink.GetProperty("clientKey").GetString());
        Assert.Equal(result.CertificatePath, uplink.GetProperty("clientCertificate").GetString());
        Assert.Equal("pole-0200", QrDecoder.Decode(result.QrCode, _folder));
        Assert.Contains(steps, s => s.StartsWith("6/6", StringComparison.Ordinal));

        // The private key never went over the wire: the cloud's state knows the certificate, not the key.
        string cloudFiles = string.Concat(Directory.GetFiles(Path.Combine(_folder, "cloud")).Select(File.ReadAllText));
        string keyBody = File.ReadAllText(result.KeyPath).Split('\n')[1];
        Assert.DoesNotContain(keyBody, cloudFiles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_provision_keeps_the_key_and_a_used_token_is_refused_with_a_hint()
    {
        var provisioner = new DeviceProvisioner(new EnrollmentClient(_http));
        var token = Server.Service.CreateToken("pole-0201");
        var first = await provisioner.ProvisionAsync(Request("pole-0201", token.Token));
        string key = File.ReadAllText(first.KeyPath);

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.ProvisionAsync(Request("pole-0201", token.Token, force: true)));
        Assert.Contains("409", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ask the operator for a new one", ex.Message, StringComparison.Ordinal);

        var renewed = await provisioner.ProvisionAsync(Request("pole-0201", Server.Service.CreateToken("pole-0201").Token, force: true));
        Assert.False(renewed.KeyCreated);
        Assert.Equal(key, File.ReadAllText(renewed.KeyPath));
    }

    [Fact]
    public async Task Token_of_another_device_is_refused()
    {
        var token = Server.Service.CreateToken("pole-0202");

        var ex = await Assert.ThrowsAsync<ProvisioningException>(
            () => new DeviceProvisioner(new EnrollmentClient(_http)).ProvisionAsync(Request("pole-0203", token.Token)));

        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pole-0202", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "device", "device.json")));
    }

    [Fact]
    public async Task Existing_configuration_is_not_overwritten_without_force()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "device"));
        File.WriteAllText(Path.Combine(_folder, "device", "device.json"), "{}");

        var ex = await Assert.ThrowsAsync<ProvisioningException>(
            () => new DeviceProvisioner(new EnrollmentClient(_http)).ProvisionAsync(Request("pole-0204", Server.Service.CreateToken("pole-0204").Token)));

        Assert.Contains("--force", ex.Message, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(_folder, "device", "device.json")));
    }

    [Fact]
    public async Task Unreachable_cloud_names_the_address()
    {
        var request = Request("pole-0205", "sct_x") with { Cloud = new Uri("http://127.0.0.1:9/") };

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() => new DeviceProvisioner(new EnrollmentClient(_http)).ProvisionAsync(request));

        Assert.Contains("127.0.0.1:9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot reach", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_readable_key_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(_folder, "loose.key.pem");
        using (DeviceKeyFile.LoadOrCreate(path, out _))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var ex = Assert.Throws<System.Security.Cryptography.CryptographicException>(() => DeviceKeyFile.Load(path));
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulated.json")]
    [InlineData("pi-camera-air.json")]
    [InlineData("usb-camera-pms5003.json")]
    public void Every_shipped_template_renders_to_json(string template)
    {
        var values = new Dictionary<string, string>
        {
            ["device_id"] = "pole-0300", ["site"] = "a \"quoted\" site", ["broker_host"] = "b", ["broker_port"] = "8883",
            ["ca_certificate"] = "/x/ca.pem", ["client_certificate"] = "/x/c.pem", ["client_key"] = "/x/k.pem",
        };

        string rendered = DeviceConfigTemplate.Render(File.ReadAllText(Template(template)), values, template);

        using var doc = JsonDocument.Parse(rendered, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        Assert.Equal("a \"quoted\" site", doc.RootElement.GetProperty("device").GetProperty("site").GetString());
    }

    [Fact]
    public void Template_placeholder_without_value_is_named()
    {
        var ex = Assert.Throws<ProvisioningException>(() => DeviceConfigTemplate.Render("{ \"a\": \"{{nope}}\" }", new Dictionary<string, string>(), "t.json"));

        Assert.Contains("{{nope}}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("t.json", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Progress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
