using SmartCity.Contracts;

namespace SmartCity.Edge.Updates.Tests;

/// <summary>Model updates through A/B slots with the real detector as the self-test.</summary>
public sealed class ModelInstallTests : IDisposable
{
    private readonly BundleFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Valid_model_is_installed_in_the_other_slot_and_the_previous_kept()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        Assert.Equal("a", _f.Store.ActiveSlot);

        var result = await installer.InstallAsync(_f.ModelBundle(version: 1));

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal("b", result.ActiveSlot);
        Assert.Equal("b", _f.Store.ActiveSlot);
        Assert.True(File.Exists(Path.Combine(_f.Store.CurrentPath, "model.onnx")));
        Assert.True(File.Exists(Path.Combine(_f.Store.SlotPath("a"), "model.onnx")), "previous model kept in slot a");
        var state = _f.Store.ReadState();
        Assert.Equal(1, state.ActiveVersion);
        Assert.Equal(0, state.PreviousVersion);
        Assert.Equal("factory", state.PreviousName);
        Assert.Equal(1, installer.Counters.Installed);
    }

    [Fact]
    public async Task Second_update_alternates_slots()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");

        Assert.Equal(CommandOutcome.Ok, (await installer.InstallAsync(_f.ModelBundle(version: 1))).Outcome);
        var second = await installer.InstallAsync(_f.ModelBundle(version: 2));

        Assert.Equal(CommandOutcome.Ok, second.Outcome);
        Assert.Equal("a", _f.Store.ActiveSlot);
        Assert.Equal(1, _f.Store.ReadState().PreviousVersion);
    }

    [Fact]
    public async Task Broken_model_fails_its_self_test_and_the_previous_stays_active()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        await installer.InstallAsync(_f.ModelBundle(version: 1));
        byte[] garbage = new byte[2048];
        new Random(7).NextBytes(garbage);

        var result = await installer.InstallAsync(_f.ModelBundle(version: 2, folder: _f.ModelFolder(onnx: garbage)));

        Assert.Equal(CommandOutcome.Failed, result.Outcome);
        Assert.Contains("self-test", result.Message, StringComparison.Ordinal);
        Assert.Contains("ONNX Runtime", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.ActiveVersion);
        Assert.Equal("b", _f.Store.ActiveSlot);
        Assert.Equal(1, _f.Store.ReadState().ActiveVersion);
        Assert.Equal(0, _f.Store.ReadState().PreviousVersion);
        Assert.True(File.Exists(Path.Combine(_f.Store.SlotPath("a"), "model.onnx")), "the previous version in the other slot survives a failed candidate");
        Assert.Equal(1, installer.Counters.SelfTestFailures);
        // The model in current still loads and runs.
        Assert.True((await DetectorSelfTest.Run(_f.Store.CurrentPath, default)).Passed);
    }

    [Fact]
    public async Task Failure_after_the_switch_rolls_back_to_the_previous_slot()
    {
        // Passes in staging, fails where the agent loads it: the switch must be undone.
        SelfTest selfTest = (folder, ct) => folder == _f.Store.CurrentPath && _f.Store.ActiveSlot == "b"
            ? ValueTask.FromResult(SelfTestResult.Fail("simulated failure at the live path"))
            : DetectorSelfTest.Run(folder, ct);
        using var installer = _f.ModelInstaller(selfTest);
        installer.SeedFactory(BundleFixture.TestModel, "factory");

        var result = await installer.InstallAsync(_f.ModelBundle(version: 1));

        Assert.Equal(CommandOutcome.Failed, result.Outcome);
        Assert.True(result.RolledBack);
        Assert.Equal("a", _f.Store.ActiveSlot);
        Assert.Equal(0, _f.Store.ReadState().ActiveVersion);
        Assert.Equal(1, installer.Counters.Rollbacks);
        // Replay protection survives the rollback: the failed version cannot be pushed again.
        Assert.Equal(1, _f.Store.ReadState().HighestVersion);
    }

    [Fact]
    public async Task Operator_rollback_switches_to_the_kept_version()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        await installer.InstallAsync(_f.ModelBundle(version: 1));

        var result = await installer.RollbackAsync();

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal("a", _f.Store.ActiveSlot);
        Assert.Equal(0, _f.Store.ReadState().ActiveVersion);
        Assert.Equal(1, _f.Store.ReadState().PreviousVersion);
        Assert.Equal(1, _f.Store.ReadState().HighestVersion);
    }

    [Fact]
    public async Task Rollback_without_a_previous_version_is_rejected()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");

        Assert.Equal(CommandOutcome.Rejected, (await installer.RollbackAsync()).Outcome);
    }

    [Fact]
    public async Task Replayed_bundle_is_rejected_and_nothing_changes()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        string bundle = _f.ModelBundle(version: 4);
        await installer.InstallAsync(bundle);
        int runs = DetectorSelfTest.Runs;

        var replay = await installer.InstallAsync(bundle);

        Assert.Equal(CommandOutcome.Rejected, replay.Outcome);
        Assert.Equal(BundleRefusal.Replayed, replay.Refusal);
        Assert.Equal("b", _f.Store.ActiveSlot);
        Assert.Equal(runs, DetectorSelfTest.Runs);
    }

    [Fact]
    public async Task Refused_bundles_leave_the_slots_untouched()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        string tampered = _f.ModelBundle(version: 1);
        byte[] onnx = BundleFixture.ReadEntry(tampered, "files/model.onnx");
        onnx[100] ^= 0xFF;
        BundleFixture.ReplaceEntry(tampered, "files/model.onnx", onnx);
        string unsigned = _f.ModelBundle(version: 1);
        BundleFixture.DeleteEntry(unsigned, "manifest.sig");

        var results = new[]
        {
            await installer.InstallAsync(tampered),
            await installer.InstallAsync(unsigned),
            await installer.InstallAsync(_f.ModelBundle(version: 1, targets: [BundleFixture.OtherDevice])),
            await installer.InstallAsync(_f.ModelBundle(version: 1, key: _f.RogueKey)),
        };

        Assert.All(results, r => Assert.Equal(CommandOutcome.Rejected, r.Outcome));
        Assert.Equal(
            [BundleRefusal.FileMismatch, BundleRefusal.Unsigned, BundleRefusal.WrongDevice, BundleRefusal.UnknownKey],
            results.Select(r => r.Refusal!.Value));
        Assert.Equal("a", _f.Store.ActiveSlot);
        Assert.False(Directory.Exists(_f.Store.SlotPath("b")));
        Assert.Equal(4, installer.Counters.RefusedTotal);
    }

    [Fact]
    public async Task Result_becomes_a_valid_cmd_result_payload()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        var result = await installer.InstallAsync(_f.ModelBundle(version: 1, targets: [BundleFixture.OtherDevice]));

        var payload = result.ToCommandResult(BundleFixture.Device, seq: 42, requestId: "req-1", commandName: "model", ts: _f.Clock.Now);
        byte[] json = WireJson.Serialize(payload);

        Assert.True(WireJson.TryDeserialize<CommandResultPayload>(json, out var back, out string? error), error);
        Assert.Equal(CommandOutcome.Rejected, back.Outcome);
        Assert.StartsWith("wrong_device:", back.Message, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"rejected\"", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_messages_are_cut_to_the_wire_limit_and_stay_valid()
    {
        var result = new UpdateResult { Kind = BundleKind.Model, Outcome = CommandOutcome.Failed, ActiveVersion = 1, Message = new string('x', 5000) + "\u0001" };

        var payload = result.ToCommandResult(BundleFixture.Device, 1, "r", "model", DateTimeOffset.UtcNow);

        Assert.Equal(WireValidator.MaxTextLength, payload.Message!.Length);
        Assert.True(WireValidator.Validate(BundleFixture.Device, payload).IsValid);
    }
}
