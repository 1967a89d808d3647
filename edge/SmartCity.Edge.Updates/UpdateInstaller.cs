using SmartCity.Contracts;

namespace SmartCity.Edge.Updates;

/// <summary>
/// Installs verified bundles of one kind into A/B slots: verify → extract into staging (re-hashed while written) →
/// self-test the staged candidate → move it into the inactive slot (the active slot, the previous version, is not
/// touched) → switch <c>current</c> atomically → self-test again through <c>current</c>, switching back on failure.
/// One operation at a time.
/// </summary>
public sealed class UpdateInstaller : IDisposable
{
    private readonly SlotStore _store;
    private readonly BundleVerifier _verifier;
    private readonly SelfTest _selfTest;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates an installer for <paramref name="kind"/> bundles.</summary>
    public UpdateInstaller(BundleKind kind, SlotStore store, BundleVerifier verifier, SelfTest selfTest, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(selfTest);
        Kind = kind;
        _store = store;
        _verifier = verifier;
        _selfTest = selfTest;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The kind this installer handles.</summary>
    public BundleKind Kind { get; }

    /// <summary>The slots.</summary>
    public SlotStore Store => _store;

    /// <summary>Counters shared with the verifier.</summary>
    public UpdateCounters Counters => _verifier.Counters;

    /// <summary>
    /// Puts a factory folder (e.g. the shipped model) into slot a as version 0 when nothing is installed yet, so the
    /// first update has a previous version to roll back to. Does nothing when a slot is already active.
    /// </summary>
    public void SeedFactory(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (_store.ActiveSlot is not null)
        {
            return;
        }

        string staging = _store.PrepareStaging();
        foreach (string file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
        }

        string slot = _store.PromoteStaging();
        _store.Activate(slot);
        _store.WriteState(new UpdateState { ActiveSlot = slot, ActiveName = name, ActiveVersion = 0, ChangedAt = _time.GetUtcNow() });
    }

    /// <summary>Verifies and installs the bundle at <paramref name="bundlePath"/>. Never throws for a bad bundle or a failing candidate.</summary>
    public async Task<UpdateResult> InstallAsync(string bundlePath, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InstallCoreAsync(bundlePath, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Switches back to the version kept in the other slot (an operator's rollback command).</summary>
    public async Task<UpdateResult> RollbackAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _store.ReadState();
            string? active = _store.ActiveSlot;
            string other = active == SlotStore.SlotA ? SlotStore.SlotB : SlotStore.SlotA;
            if (active is null || !Directory.Exists(_store.SlotPath(other)) || state.PreviousName is null)
            {
                return new UpdateResult
                {
                    Kind = Kind, Outcome = CommandOutcome.Rejected, ActiveVersion = state.ActiveVersion, ActiveSlot = active,
                    Message = $"{Kind.ToName()}: no previous version to roll back to.",
                };
            }

            var check = await RunSelfTestAsync(_store.SlotPath(other), cancellationToken).ConfigureAwait(false);
            if (!check.Passed)
            {
                Counters.CountSelfTestFailure();
                return new UpdateResult
                {
                    Kind = Kind, Outcome = CommandOutcome.Failed, ActiveVersion = state.ActiveVersion, ActiveSlot = active,
                    Message = $"{Kind.ToName()}: previous v{state.PreviousVersion} in slot {other} fails its self-test ({check.Detail}); v{state.ActiveVersion} stays active.",
                };
            }

            SwitchTo(other, state.PreviousVersion, state.PreviousName, state.ActiveVersion, state.ActiveName, state.HighestVersion);
            Counters.CountRollback();
            return new UpdateResult
            {
                Kind = Kind, Outcome = CommandOutcome.Ok, ActiveVersion = state.PreviousVersion, ActiveSlot = other, RolledBack = true,
                Message = $"{Kind.ToName()}: rolled back from v{state.ActiveVersion} to v{state.PreviousVersion} (slot {other}).",
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<UpdateResult> InstallCoreAsync(string bundlePath, CancellationToken cancellationToken)
    {
        var state = _store.ReadState();
        long installed = Math.Max(state.ActiveVersion, state.HighestVersion);
        SignedBundle bundle;
        try
        {
            bundle = SignedBundle.Open(bundlePath);
        }
        catch (Exception ex) when (ex is BundleFormatException or IOException or UnauthorizedAccessException)
        {
            Counters.CountRefused(BundleRefusal.Malformed);
            return Rejected(BundleRefusal.Malformed, null, state, $"malformed: {ex.Message}");
        }

        using (bundle)
        {
            var verdict = _verifier.Verify(bundle, Kind, installed);
            if (verdict.Refusal is { } refusal)
            {
                return Rejected(refusal, verdict.Manifest?.Version, state, verdict.Message);
            }

            var manifest = verdict.Manifest!;
            string what = $"{Kind.ToName()} '{manifest.Name}' v{manifest.Version}";
            string staging = _store.PrepareStaging();
            if (!bundle.ExtractTo(manifest, staging, out string? problem))
            {
                _store.DiscardStaging();
                Counters.CountRefused(BundleRefusal.FileMismatch);
                return Rejected(BundleRefusal.FileMismatch, manifest.Version, state, $"{BundleRefusal.FileMismatch.ToName()}: {what}: {problem} (while extracting).");
            }

            var staged = await RunSelfTestAsync(staging, cancellationToken).ConfigureAwait(false);
            if (!staged.Passed)
            {
                _store.DiscardStaging();
                Counters.CountSelfTestFailure();
                return new UpdateResult
                {
                    Kind = Kind, Outcome = CommandOutcome.Failed, BundleVersion = manifest.Version, ActiveVersion = state.ActiveVersion,
                    ActiveSlot = _store.ActiveSlot,
                    Message = $"{what} failed its self-test before activation ({staged.Detail}); v{state.ActiveVersion} stays active.",
                };
            }

            string? previousSlot = _store.ActiveSlot;
            string slot = _store.PromoteStaging();
            SwitchTo(slot, manifest.Version, manifest.Name, state.ActiveVersion, state.ActiveName, Math.Max(manifest.Version, state.HighestVersion));

            // The candidate passed in staging; test it again where the agent will load it, and undo the switch if
            // it does not work there (a path baked into the model folder, a full disk during the move).
            var live = await RunSelfTestAsync(_store.CurrentPath, cancellationToken).ConfigureAwait(false);
            if (!live.Passed)
            {
                Counters.CountSelfTestFailure();
                if (previousSlot is not null)
                {
                    SwitchTo(previousSlot, state.ActiveVersion, state.ActiveName, manifest.Version, manifest.Name, Math.Max(manifest.Version, state.HighestVersion));
                    Counters.CountRollback();
                }

                return new UpdateResult
                {
                    Kind = Kind, Outcome = CommandOutcome.Failed, BundleVersion = manifest.Version, ActiveVersion = state.ActiveVersion,
                    ActiveSlot = _store.ActiveSlot, RolledBack = previousSlot is not null,
                    Message = previousSlot is not null
                        ? $"{what} failed its self-test after activation ({live.Detail}); rolled back to v{state.ActiveVersion} (slot {previousSlot})."
                        : $"{what} failed its self-test after activation ({live.Detail}); there is no previous version to roll back to.",
                };
            }

            Counters.CountInstalled();
            return new UpdateResult
            {
                Kind = Kind, Outcome = CommandOutcome.Ok, BundleVersion = manifest.Version, ActiveVersion = manifest.Version, ActiveSlot = slot,
                Message = $"{what} installed in slot {slot} ({live.Detail}); previous v{state.ActiveVersion} kept for rollback.",
            };
        }
    }

    private void SwitchTo(string slot, long version, string? name, long previousVersion, string? previousName, long highest)
    {
        _store.Activate(slot);
        _store.WriteState(new UpdateState
        {
            ActiveSlot = slot,
            ActiveVersion = version,
            ActiveName = name,
            PreviousVersion = previousVersion,
            PreviousName = previousName,
            HighestVersion = highest,
            ChangedAt = _time.GetUtcNow(),
        });
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<SelfTestResult> RunSelfTestAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            return await _selfTest(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return SelfTestResult.Fail($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private UpdateResult Rejected(BundleRefusal refusal, long? version, UpdateState state, string message) => new()
    {
        Kind = Kind,
        Outcome = CommandOutcome.Rejected,
        Refusal = refusal,
        BundleVersion = version,
        ActiveVersion = state.ActiveVersion,
        ActiveSlot = _store.ActiveSlot,
        Message = message,
    };
}
