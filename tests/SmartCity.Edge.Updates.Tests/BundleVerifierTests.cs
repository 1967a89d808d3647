using System.Text;

namespace SmartCity.Edge.Updates.Tests;

/// <summary>The refusal matrix: each bad bundle is refused for its own reason, named in the message and counted.</summary>
public sealed class BundleVerifierTests : IDisposable
{
    private readonly BundleFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Valid_bundle_is_accepted_with_its_manifest()
    {
        string bundle = _f.ModelBundle(version: 3);

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, installedVersion: 2);

        Assert.True(verdict.Accepted, verdict.Message);
        Assert.Equal(3, verdict.Manifest!.Version);
        Assert.Equal([BundleFixture.Device], verdict.Manifest.Targets);
        Assert.Equal(2, verdict.Manifest.Files.Count);
        Assert.Equal(0, _f.Verifier.Counters.RefusedTotal);
    }

    [Fact]
    public void Tampered_file_is_refused_naming_the_file()
    {
        string bundle = _f.ModelBundle(version: 1);
        byte[] onnx = BundleFixture.ReadEntry(bundle, "files/model.onnx");
        onnx[^10] ^= 0x40;
        BundleFixture.ReplaceEntry(bundle, "files/model.onnx", onnx);

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.FileMismatch, verdict.Refusal);
        Assert.Contains("model.onnx", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(1, _f.Verifier.Counters.Refused(BundleRefusal.FileMismatch));
    }

    [Fact]
    public void Tampered_manifest_is_refused_as_bad_signature()
    {
        string bundle = _f.ModelBundle(version: 1);
        string manifest = Encoding.UTF8.GetString(BundleFixture.ReadEntry(bundle, "manifest.json"));
        BundleFixture.ReplaceEntry(bundle, "manifest.json", BundleFixture.Utf8(manifest.Replace("\"version\":1", "\"version\":9", StringComparison.Ordinal)));

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.BadSignature, verdict.Refusal);
        Assert.StartsWith("bad_signature:", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_signature_is_refused_as_bad_signature()
    {
        string bundle = _f.ModelBundle(version: 1);
        byte[] sig = BundleFixture.ReadEntry(bundle, "manifest.sig");
        sig[5] ^= 1;
        BundleFixture.ReplaceEntry(bundle, "manifest.sig", sig);

        Assert.Equal(BundleRefusal.BadSignature, _f.Verifier.Verify(bundle, BundleKind.Model, 0).Refusal);
    }

    [Fact]
    public void Unsigned_bundle_is_refused()
    {
        string bundle = _f.ModelBundle(version: 1);
        BundleFixture.DeleteEntry(bundle, "manifest.sig");

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.Unsigned, verdict.Refusal);
        Assert.Equal(1, _f.Verifier.Counters.Refused(BundleRefusal.Unsigned));
    }

    [Fact]
    public void Empty_signature_is_refused_as_unsigned()
    {
        string bundle = _f.ModelBundle(version: 1);
        BundleFixture.ReplaceEntry(bundle, "manifest.sig", []);

        Assert.Equal(BundleRefusal.Unsigned, _f.Verifier.Verify(bundle, BundleKind.Model, 0).Refusal);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(4, 5)]
    public void Replayed_or_older_version_is_refused(long version, long installed)
    {
        string bundle = _f.ModelBundle(version);

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, installed);

        Assert.Equal(BundleRefusal.Replayed, verdict.Refusal);
        Assert.Contains($"installed v{installed}", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_devices_bundle_is_refused()
    {
        string bundle = _f.ModelBundle(version: 1, targets: [BundleFixture.OtherDevice]);

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.WrongDevice, verdict.Refusal);
        Assert.Contains(BundleFixture.OtherDevice, verdict.Message, StringComparison.Ordinal);
        Assert.Contains(BundleFixture.Device, verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundle_for_several_devices_is_accepted_by_each_listed_one()
    {
        string bundle = _f.ModelBundle(version: 1, targets: [BundleFixture.OtherDevice, BundleFixture.Device]);

        Assert.True(_f.Verifier.Verify(bundle, BundleKind.Model, 0).Accepted);
    }

    [Fact]
    public void Wrong_key_is_refused_naming_the_key()
    {
        string bundle = _f.ModelBundle(version: 1, key: _f.RogueKey);

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.UnknownKey, verdict.Refusal);
        Assert.Contains(BundleSigningKey.ComputeKeyId(_f.RogueKey), verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rogue_key_claiming_the_city_key_id_is_refused_as_bad_signature()
    {
        string bundle = _f.ModelBundle(version: 1, key: _f.RogueKey);
        string manifest = Encoding.UTF8.GetString(BundleFixture.ReadEntry(bundle, "manifest.json"))
            .Replace(BundleSigningKey.ComputeKeyId(_f.RogueKey), BundleSigningKey.ComputeKeyId(_f.CityKey), StringComparison.Ordinal);
        byte[] bytes = BundleFixture.Utf8(manifest);
        BundleFixture.ReplaceEntry(bundle, "manifest.json", bytes);
        BundleFixture.ReplaceEntry(bundle, "manifest.sig", BundleSigningKey.Sign(_f.RogueKey, bytes));

        Assert.Equal(BundleRefusal.BadSignature, _f.Verifier.Verify(bundle, BundleKind.Model, 0).Refusal);
    }

    [Fact]
    public void Expired_bundle_is_refused()
    {
        string bundle = _f.ModelBundle(version: 1, validFor: TimeSpan.FromHours(1));
        _f.Clock.Now += TimeSpan.FromHours(2);

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.Expired, verdict.Refusal);
    }

    [Fact]
    public void Bundle_from_the_future_is_refused_as_not_yet_valid()
    {
        string bundle = _f.ModelBundle(version: 1);
        _f.Clock.Now -= TimeSpan.FromHours(3);

        Assert.Equal(BundleRefusal.NotYetValid, _f.Verifier.Verify(bundle, BundleKind.Model, 0).Refusal);
    }

    [Fact]
    public void Config_bundle_sent_as_model_is_refused_as_wrong_kind()
    {
        string bundle = _f.ModelBundle(version: 1, kind: BundleKind.Config);

        Assert.Equal(BundleRefusal.WrongKind, _f.Verifier.Verify(bundle, BundleKind.Model, 0).Refusal);
    }

    [Fact]
    public void File_not_listed_in_the_manifest_is_refused()
    {
        string bundle = _f.ModelBundle(version: 1);
        BundleFixture.ReplaceEntry(bundle, "files/extra.sh", BundleFixture.Utf8("#!/bin/sh\nrm -rf /\n"));

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.FileMismatch, verdict.Refusal);
        Assert.Contains("extra.sh", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_escaping_entry_is_refused()
    {
        string bundle = _f.ModelBundle(version: 1);
        BundleFixture.ReplaceEntry(bundle, "files/../../etc/passwd", BundleFixture.Utf8("x"));

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.FileMismatch, verdict.Refusal);
        Assert.Contains("etc/passwd", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        string bundle = _f.ModelBundle(version: 1);
        BundleFixture.DeleteEntry(bundle, "files/model.json");

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.FileMismatch, verdict.Refusal);
        Assert.Contains("missing", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_but_non_canonical_manifest_is_refused_as_malformed()
    {
        string bundle = _f.ModelBundle(version: 1);
        string manifest = Encoding.UTF8.GetString(BundleFixture.ReadEntry(bundle, "manifest.json"));
        byte[] spaced = BundleFixture.Utf8(manifest.Replace(",", ", ", StringComparison.Ordinal));
        BundleFixture.ReplaceEntry(bundle, "manifest.json", spaced);
        BundleFixture.ReplaceEntry(bundle, "manifest.sig", BundleSigningKey.Sign(_f.CityKey, spaced));

        var verdict = _f.Verifier.Verify(bundle, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.Malformed, verdict.Refusal);
        Assert.Contains("canonical", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_manifest_with_duplicate_property_is_refused_as_malformed()
    {
        string bundle = _f.ModelBundle(version: 1);
        string manifest = Encoding.UTF8.GetString(BundleFixture.ReadEntry(bundle, "manifest.json"));
        byte[] duplicated = BundleFixture.Utf8(manifest.Replace("\"version\":1", "\"version\":1,\"version\":7", StringComparison.Ordinal));
        BundleFixture.ReplaceEntry(bundle, "manifest.json", duplicated);
        BundleFixture.ReplaceEntry(bundle, "manifest.sig", BundleSigningKey.Sign(_f.CityKey, duplicated));

        Assert.Equal(BundleRefusal.Malformed, _f.Verifier.Verify(bundle, BundleKind.Model, 0).Refusal);
    }

    [Fact]
    public void Not_a_zip_is_refused_as_malformed()
    {
        string path = Path.Combine(_f.Root, "junk.scb");
        File.WriteAllText(path, "this is not a bundle");

        var verdict = _f.Verifier.Verify(path, BundleKind.Model, 0);

        Assert.Equal(BundleRefusal.Malformed, verdict.Refusal);
        Assert.Contains("junk.scb", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_refusal_counts_under_its_own_reason()
    {
        string valid = _f.ModelBundle(version: 2);
        string other = _f.ModelBundle(version: 2, targets: [BundleFixture.OtherDevice]);
        string rogue = _f.ModelBundle(version: 2, key: _f.RogueKey);

        _f.Verifier.Verify(valid, BundleKind.Model, 0);
        _f.Verifier.Verify(valid, BundleKind.Model, 2);
        _f.Verifier.Verify(valid, BundleKind.Model, 3);
        _f.Verifier.Verify(other, BundleKind.Model, 0);
        _f.Verifier.Verify(rogue, BundleKind.Model, 0);

        Assert.Equal(2, _f.Verifier.Counters.Refused(BundleRefusal.Replayed));
        Assert.Equal(1, _f.Verifier.Counters.Refused(BundleRefusal.WrongDevice));
        Assert.Equal(1, _f.Verifier.Counters.Refused(BundleRefusal.UnknownKey));
        Assert.Equal(4, _f.Verifier.Counters.RefusedTotal);
    }

    [Fact]
    public void Key_survives_a_pem_round_trip_with_the_same_id()
    {
        string pem = _f.CityKey.ExportPkcs8PrivateKeyPem();
        using var reloaded = BundleSigningKey.FromPem(pem, "test");

        Assert.Equal(BundleSigningKey.ComputeKeyId(_f.CityKey), BundleSigningKey.ComputeKeyId(reloaded));
        Assert.Matches("^[0-9a-f]{16}$", BundleSigningKey.ComputeKeyId(reloaded));
    }

    [Fact]
    public void Non_p256_key_is_refused_with_the_source_named()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

        var ex = Assert.Throws<System.Security.Cryptography.CryptographicException>(() => BundleSigningKey.FromPem(p384.ExportSubjectPublicKeyInfoPem(), "city.pub.pem"));
        Assert.Contains("city.pub.pem", ex.Message, StringComparison.Ordinal);
    }
}
