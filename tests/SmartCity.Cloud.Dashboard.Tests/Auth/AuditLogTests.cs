using System.Text.Json.Nodes;
using SmartCity.Cloud.Dashboard.Auth;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Auth;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "h6-audit-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Entries_are_appended_hash_chained_and_survive_a_restart()
    {
        var log = new AuditLog(_dir);
        log.Append("ops", "alert-rule.create", "r1", null, new JsonObject { ["threshold"] = 150 });
        log.Append("ops", "alert-rule.delete", "r1", new JsonObject { ["threshold"] = 150 }, null);
        Assert.Null(log.Verify());

        var reopened = new AuditLog(_dir);
        AuditEntry third = reopened.Append("admin", "account.create", "bob", null, new JsonObject { ["role"] = "operator" });
        Assert.Equal(3, third.Seq);
        Assert.Equal(reopened.Recent(3)[1].Hash, third.Prev);
        Assert.Null(reopened.Verify());
        Assert.Equal(3, File.ReadAllLines(reopened.FilePath).Length);
        Assert.Equal(150, reopened.Recent(3)[2].After!["threshold"]!.GetValue<int>());
    }

    [Fact]
    public void An_edited_line_breaks_the_chain_and_is_named()
    {
        var log = new AuditLog(_dir);
        log.Append("ops", "device-config.save", "demo-edge-01", null, new JsonObject { ["camera"] = "cam-a" });
        log.Append("ops", "device-config.save", "demo-edge-01", new JsonObject { ["camera"] = "cam-a" }, new JsonObject { ["camera"] = "cam-b" });
        string[] lines = File.ReadAllLines(log.FilePath);
        lines[0] = lines[0].Replace("\"ops\"", "\"someone-else\"", StringComparison.Ordinal);
        File.WriteAllLines(log.FilePath, lines);
        string? broken = new AuditLog(_dir).Verify();
        Assert.NotNull(broken);
        Assert.Contains("line 1", broken, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
