using System.Text.Json;

namespace SmartCity.Edge.Updates;

/// <summary>
/// A/B slots for one kind on disk: <c>{root}/a</c>, <c>{root}/b</c>, the symbolic link <c>{root}/current</c> pointing
/// at the active one, and <c>{root}/state.json</c>. The agent loads from <see cref="CurrentPath"/>. A switch replaces
/// the link with rename(2), so a power cut leaves either the old or the new slot active, never neither; the other
/// slot keeps the previous version for rollback.
/// </summary>
public sealed class SlotStore
{
    /// <summary>Slot names.</summary>
    public const string SlotA = "a";

    /// <summary>Slot names.</summary>
    public const string SlotB = "b";

    private const string CurrentLink = "current";
    private const string StateFile = "state.json";
    private const string StagingFolder = "staging";

    /// <summary>Creates (or opens) the store under <paramref name="root"/>.</summary>
    public SlotStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The store's folder.</summary>
    public string Root { get; }

    /// <summary>The link the agent loads from (<c>{root}/current</c>).</summary>
    public string CurrentPath => Path.Combine(Root, CurrentLink);

    /// <summary>Folder of a slot.</summary>
    public string SlotPath(string slot) => Path.Combine(Root, slot);

    /// <summary>The slot <c>current</c> points at, or null when there is none yet.</summary>
    public string? ActiveSlot
    {
        get
        {
            var info = new FileInfo(CurrentPath);
            return info.LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;
        }
    }

    /// <summary>The persisted state; an empty state before the first install.</summary>
    public UpdateState ReadState()
    {
        string path = Path.Combine(Root, StateFile);
        if (!File.Exists(path))
        {
            return new UpdateState();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), BundleJsonContext.Default.UpdateState) ?? new UpdateState();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid update state: {ex.Message}", ex);
        }
    }

    /// <summary>Atomically replaces the persisted state.</summary>
    public void WriteState(UpdateState state)
    {
        string path = Path.Combine(Root, StateFile);
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, BundleJsonContext.Default.UpdateState);
            stream.Flush(flushToDisk: true);
        }

        NativeFileSystem.Replace(temp, path);
        NativeFileSystem.FlushDirectory(Root);
    }

    /// <summary>A fresh, empty staging folder for a candidate.</summary>
    internal string PrepareStaging()
    {
        string staging = Path.Combine(Root, StagingFolder);
        DeleteIfPresent(staging);
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Discards the staging folder.</summary>
    internal void DiscardStaging() => DeleteIfPresent(Path.Combine(Root, StagingFolder));

    /// <summary>The slot a new version goes into: the one not active.</summary>
    internal string InactiveSlot => ActiveSlot == SlotA ? SlotB : SlotA;

    /// <summary>Moves the staged candidate into the inactive slot (replacing what was there) and returns that slot.</summary>
    internal string PromoteStaging()
    {
        string slot = InactiveSlot;
        string target = SlotPath(slot);
        DeleteIfPresent(target);
        Directory.Move(Path.Combine(Root, StagingFolder), target);
        NativeFileSystem.FlushDirectory(Root);
        return slot;
    }

    /// <summary>Points <c>current</c> at <paramref name="slot"/> atomically.</summary>
    public void Activate(string slot)
    {
        if (slot is not (SlotA or SlotB))
        {
            throw new ArgumentException($"Slot '{slot}' is not '{SlotA}' or '{SlotB}'.", nameof(slot));
        }

        if (!Directory.Exists(SlotPath(slot)))
        {
            throw new DirectoryNotFoundException($"Slot '{slot}' ({SlotPath(slot)}) is empty: nothing to activate.");
        }

        string temp = Path.Combine(Root, CurrentLink + ".tmp");
        if (File.Exists(temp) || new FileInfo(temp).LinkTarget is not null)
        {
            File.Delete(temp);
        }

        // Relative target: the store can be moved or mounted elsewhere.
        File.CreateSymbolicLink(temp, slot);
        NativeFileSystem.Replace(temp, CurrentPath);
        NativeFileSystem.FlushDirectory(Root);
    }

    private static void DeleteIfPresent(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
