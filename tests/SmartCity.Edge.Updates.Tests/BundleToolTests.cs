using SmartCity.Tools.Bundle;

namespace SmartCity.Edge.Updates.Tests;

/// <summary>The signing tool end to end: keygen, sign a folder, verify as the target and as another device.</summary>
public sealed class BundleToolTests : IDisposable
{
    private readonly BundleFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Keygen_sign_verify_round_trip()
    {
        string keys = Path.Combine(_f.Root, "keys");
        string bundle = Path.Combine(_f.Root, "model.scb");

        Assert.Equal(BundleCommands.Ok, BundleCommands.RunKeyGen(keys, "city", force: false));
        string privateKey = Path.Combine(keys, "city.key.pem");
        string publicKey = Path.Combine(keys, "city.pub.pem");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        }

        Assert.DoesNotContain("PRIVATE", File.ReadAllText(publicKey), StringComparison.Ordinal);

        Assert.Equal(BundleCommands.Ok, BundleCommands.RunSign(privateKey, "model", "test-yolov8", 3, [BundleFixture.Device], 10, bundle, [BundleFixture.TestModel]));

        Assert.Equal(BundleCommands.Ok, BundleCommands.RunVerify(publicKey, BundleFixture.Device, 2, bundle));
        Assert.Equal(BundleCommands.Refused, BundleCommands.RunVerify(publicKey, BundleFixture.Device, 3, bundle));
        Assert.Equal(BundleCommands.Refused, BundleCommands.RunVerify(publicKey, BundleFixture.OtherDevice, 0, bundle));
    }

    [Fact]
    public void Keygen_does_not_overwrite_a_key_without_force()
    {
        string keys = Path.Combine(_f.Root, "keys");
        Assert.Equal(BundleCommands.Ok, BundleCommands.RunKeyGen(keys, "city", force: false));
        string before = File.ReadAllText(Path.Combine(keys, "city.key.pem"));

        Assert.Equal(BundleCommands.BadInput, BundleCommands.RunKeyGen(keys, "city", force: false));
        Assert.Equal(before, File.ReadAllText(Path.Combine(keys, "city.key.pem")));
        Assert.Equal(BundleCommands.Ok, BundleCommands.RunKeyGen(keys, "city", force: true));
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(keys, "city.key.pem")));
    }

    [Fact]
    public void Sign_with_bad_input_reports_and_writes_nothing()
    {
        string keys = Path.Combine(_f.Root, "keys");
        BundleCommands.RunKeyGen(keys, "city", force: false);
        string bundle = Path.Combine(_f.Root, "x.scb");
        string privateKey = Path.Combine(keys, "city.key.pem");

        Assert.Equal(BundleCommands.BadInput, BundleCommands.RunSign(privateKey, "model", "m", 0, [BundleFixture.Device], 10, bundle, [BundleFixture.TestModel]));
        Assert.Equal(BundleCommands.BadInput, BundleCommands.RunSign(privateKey, "model", "m", 1, ["Bad_Device"], 10, bundle, [BundleFixture.TestModel]));
        Assert.Equal(BundleCommands.BadInput, BundleCommands.RunSign(privateKey, "model", "m", 1, [BundleFixture.Device], 10, bundle, ["/nonexistent"]));
        Assert.Equal(BundleCommands.BadInput, BundleCommands.RunSign(Path.Combine(keys, "city.pub.pem") + ".missing", "model", "m", 1, [BundleFixture.Device], 10, bundle, [BundleFixture.TestModel]));
        Assert.False(File.Exists(bundle));
    }
}
