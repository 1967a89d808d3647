namespace SmartCity.Edge.Provisioning.Diagnostics;

/// <summary>Can the outbox folder be written and fsynced, and does its file system have room for the outbox quota?</summary>
public static class OutboxDiskProbe
{
    /// <summary>Below this free space the check fails outright.</summary>
    public const long MinimumFreeBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Runs the probe on <paramref name="folder"/>; a folder that does not exist yet is judged by its nearest existing
    /// parent (the agent creates it), and nothing is left behind.
    /// </summary>
    public static CheckResult Run(string folder, long quotaBytes)
    {
        const string name = "outbox";
        string full = Path.GetFullPath(folder);
        string existing = full;
        while (!Directory.Exists(existing))
        {
            string? parent = Path.GetDirectoryName(existing);
            if (parent is null || File.Exists(existing))
            {
                return CheckResult.Fail(name, $"{full}: no existing parent folder ({existing} is a file or missing)", "fix uplink.outboxDirectory");
            }

            existing = parent;
        }

        try
        {
            string probe = Path.Combine(existing, $".smartcity-doctor-{Environment.ProcessId}.tmp");
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose);
            stream.Write(new byte[4096]);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CheckResult.Fail(name, $"{existing} is not writable: {ex.Message}", "the agent's user must own the outbox folder (see deploy/systemd: StateDirectory, ReadWritePaths)");
        }

        long free = new DriveInfo(existing).AvailableFreeSpace;
        string detail = $"{full}{(existing == full ? "" : " (to be created)")}: {Mib(free)} free, quota {Mib(quotaBytes)}, write+fsync ok";
        if (free < MinimumFreeBytes)
        {
            return CheckResult.Fail(name, detail, "free disk space: summaries would be dropped when the uplink is down");
        }

        return free < quotaBytes
            ? CheckResult.Warn(name, detail, "less free space than the outbox quota: lower uplink.outboxQuotaBytes or free disk space")
            : CheckResult.Pass(name, detail);
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F0} MiB";
}
