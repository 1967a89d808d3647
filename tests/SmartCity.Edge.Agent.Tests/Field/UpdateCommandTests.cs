using Xunit;
using System.Security.Cryptography;
using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Updates;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>update install/rollback with the real demo model and the real detector as self-test.</summary>
public sealed class UpdateCommandTests : IDisposable
{
    private const string Device = "field-test-01";
    private readonly FieldTestFolder _folder = new();
    private readonly ECDsa _key = BundleSigningKey.Create();

    public void Dispose()
    {
        _key.Dispose();
        _folder.Dispose();
    }

    private FileInfo PublicKey => new(_folder.Write("city.pub.pem", _key.ExportSubjectPublicKeyInfoPem()));

    private string Bundle(long version, string folder)
    {
        string path = Path.Combine(_folder.Path, $"model-v{version}-{Guid.NewGuid():N}.scb");
        BundleWriter.Create(path, new BundleRequest
        {
            Kind = BundleKind.Model, Name = "demo-traffic", Version = version, Targets = [Device], Files = Directory.GetFiles(folder),
        }, _key);
        return path;
    }

    [Fact]
    public async Task Good_model_installs_and_broken_model_is_refused_by_its_self_test()
    {
        string root = Path.Combine(_folder.Path, "var");
        var output = new StringWriter();

        int first = await UpdateCommand.InstallAsync(root, [PublicKey], Device, "model", TestData.DemoModel, Bundle(1, TestData.DemoModel), output, CancellationToken.None);
        Assert.True(first == 0, output.ToString());
        Assert.Contains("\"outcome\":\"ok\"", output.ToString(), StringComparison.Ordinal);

        string broken = Path.Combine(_folder.Path, "broken");
        Directory.CreateDirectory(broken);
        File.Copy(Path.Combine(TestData.DemoModel, "model.json"), Path.Combine(broken, "model.json"));
        File.WriteAllBytes(Path.Combine(broken, "model.onnx"), new byte[4096]);
        var second = new StringWriter();
        int code = await UpdateCommand.InstallAsync(root, [PublicKey], Device, "model", null, Bundle(2, broken), second, CancellationToken.None);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("failed its self-test", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"failed\"", second.ToString(), StringComparison.Ordinal);
        var status = new StringWriter();
        UpdateCommand.Status(root, status);
        Assert.Contains("active v1 'demo-traffic' in slot b", status.ToString(), StringComparison.Ordinal);

        var rollback = new StringWriter();
        Assert.Equal(0, await UpdateCommand.RollbackAsync(root, [PublicKey], Device, "model", rollback, CancellationToken.None));
        Assert.Contains("rolled back from v1 to v0", rollback.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundle_for_another_device_is_rejected()
    {
        string root = Path.Combine(_folder.Path, "var");
        var output = new StringWriter();

        int code = await UpdateCommand.InstallAsync(root, [PublicKey], "other-device", "model", TestData.DemoModel, Bundle(1, TestData.DemoModel), output, CancellationToken.None);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("\"outcome\":\"rejected\"", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("wrong_device", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_installs_the_factory_model_once()
    {
        string root = Path.Combine(_folder.Path, "var");
        var first = new StringWriter();
        var second = new StringWriter();

        Assert.Equal(0, UpdateCommand.Seed(root, "model", TestData.DemoModel, first));
        Assert.Equal(0, UpdateCommand.Seed(root, "model", TestData.DemoModel, second));

        Assert.Contains("seeded v0 'demo-traffic'", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("already installed", second.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "models", "current", "model.onnx")));
        Assert.True(ModelSelfTest.Run(Path.Combine(root, "models", "current")).Passed);
    }

    [Fact]
    public async Task Config_bundle_is_installed_only_when_its_device_json_validates()
    {
        string root = Path.Combine(_folder.Path, "var");
        string good = Path.Combine(_folder.Path, "good");
        string bad = Path.Combine(_folder.Path, "bad");
        Directory.CreateDirectory(good);
        Directory.CreateDirectory(bad);
        File.Copy(_folder.Config(), Path.Combine(good, "device.json"));
        File.WriteAllText(Path.Combine(bad, "device.json"), File.ReadAllText(Path.Combine(good, "device.json")).Replace("\"synthetic\" }", "\"synthetic\", \"fps\": \"fast\" }", StringComparison.Ordinal));

        var first = new StringWriter();
        int ok = await UpdateCommand.InstallAsync(root, [PublicKey], Device, "config", null, ConfigBundle(1, good), first, CancellationToken.None);
        var second = new StringWriter();
        int refused = await UpdateCommand.InstallAsync(root, [PublicKey], Device, "config", null, ConfigBundle(2, bad), second, CancellationToken.None);

        Assert.True(ok == 0, first.ToString());
        Assert.Equal(CliErrors.Failed, refused);
        Assert.Contains("failed its self-test", second.ToString(), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(good, "device.json")), File.ReadAllText(Path.Combine(root, "config", "current", "device.json")));
    }

    private string ConfigBundle(long version, string folder)
    {
        string path = Path.Combine(_folder.Path, $"config-v{version}.scb");
        BundleWriter.Create(path, new BundleRequest
        {
            Kind = BundleKind.Config, Name = "device", Version = version, Targets = [Device], Files = Directory.GetFiles(folder),
        }, _key);
        return path;
    }
}
