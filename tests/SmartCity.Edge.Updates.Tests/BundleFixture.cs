using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SmartCity.Edge.Updates.Tests;

/// <summary>A temporary folder with a city key, a second key, a device's slot store and helpers that build good and bad bundles.</summary>
internal sealed class BundleFixture : IDisposable
{
    public const string Device = "edge-test-01";
    public const string OtherDevice = "edge-test-02";

    public BundleFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "smartcity-updates-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Clock = new TestClock(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        Verifier = new BundleVerifier(Device, [PublicOnly(CityKey)], Clock);
        Store = new SlotStore(Path.Combine(Root, "device", "models"));
    }

    public string Root { get; }

    public TestClock Clock { get; }

    public ECDsa CityKey { get; } = BundleSigningKey.Create();

    public ECDsa RogueKey { get; } = BundleSigningKey.Create();

    public BundleVerifier Verifier { get; }

    public SlotStore Store { get; }

    public static string TestModel => Path.Combine(AppContext.BaseDirectory, "TestModels", "yolov8");

    /// <summary>The public half only, as a device holds it (through PEM, as the device loads it).</summary>
    public static ECDsa PublicOnly(ECDsa key) => BundleSigningKey.FromPem(key.ExportSubjectPublicKeyInfoPem(), "test public key");

    public UpdateInstaller ModelInstaller(SelfTest? selfTest = null) =>
        new(BundleKind.Model, Store, Verifier, selfTest ?? DetectorSelfTest.Run, Clock);

    /// <summary>A copy of the test model (its files) in a fresh folder, optionally with model.onnx replaced.</summary>
    public string ModelFolder(byte[]? onnx = null)
    {
        string folder = Path.Combine(Root, "src-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(TestModel))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        if (onnx is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, "model.onnx"), onnx);
            // Keep model.json's sha256 right, so the failure is ONNX Runtime's and not the manifest check.
            string json = File.ReadAllText(Path.Combine(folder, "model.json"));
            string oldSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(TestModel, "model.onnx"))));
            File.WriteAllText(Path.Combine(folder, "model.json"), json.Replace(oldSha, Convert.ToHexStringLower(SHA256.HashData(onnx)), StringComparison.Ordinal));
        }

        return folder;
    }

    public string ModelBundle(long version, ECDsa? key = null, string[]? targets = null, string? folder = null, TimeSpan? validFor = null, BundleKind kind = BundleKind.Model)
    {
        folder ??= ModelFolder();
        string path = Path.Combine(Root, $"bundle-{Guid.NewGuid():N}.scb");
        BundleWriter.Create(
            path,
            new BundleRequest
            {
                Kind = kind,
                Name = "test-yolov8",
                Version = version,
                Targets = targets ?? [Device],
                Files = Directory.GetFiles(folder),
                ValidFor = validFor ?? TimeSpan.FromDays(30),
            },
            key ?? CityKey,
            Clock);
        return path;
    }

    /// <summary>Rewrites one archive entry of a bundle in place.</summary>
    public static void ReplaceEntry(string bundle, string entryName, byte[] content)
    {
        using var archive = ZipFile.Open(bundle, ZipArchiveMode.Update);
        archive.GetEntry(entryName)?.Delete();
        using var stream = archive.CreateEntry(entryName).Open();
        stream.Write(content);
    }

    public static byte[] ReadEntry(string bundle, string entryName)
    {
        using var archive = ZipFile.OpenRead(bundle);
        using var stream = archive.GetEntry(entryName)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static void DeleteEntry(string bundle, string entryName)
    {
        using var archive = ZipFile.Open(bundle, ZipArchiveMode.Update);
        archive.GetEntry(entryName)!.Delete();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        CityKey.Dispose();
        RogueKey.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
