using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>
/// The audit log of configuration changes: one JSON line per change in <c>audit/audit.jsonl</c>, only ever appended
/// (the file is opened for append, each line flushed to disk before the change is reported done) and hash-chained, so
/// an edited or deleted line is detected by <see cref="Verify"/>. Readable by admins on <c>/admin/audit</c>.
/// </summary>
public sealed class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();
    private readonly string _path;
    private long _seq;
    private string _lastHash = "";

    /// <summary>Opens (or starts) the log under <paramref name="dataDirectory"/>.</summary>
    public AuditLog(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "audit", "audit.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        if (File.Exists(_path))
        {
            foreach (AuditEntry e in ReadFile())
            {
                _seq = e.Seq;
                _lastHash = e.Hash;
            }
        }
    }

    /// <summary>The log file.</summary>
    public string FilePath => _path;

    /// <summary>Appends a change and returns it once it is on disk.</summary>
    public AuditEntry Append(string user, string action, string target, JsonNode? before, JsonNode? after)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(action);
        lock (_lock)
        {
            long seq = _seq + 1;
            var ts = DateTimeOffset.UtcNow;
            string hash = HashOf(seq, ts, user, action, target, before, after, _lastHash);
            var entry = new AuditEntry(seq, ts, user, action, target ?? "", before?.DeepClone(), after?.DeepClone(), _lastHash, hash);
            string line = JsonSerializer.Serialize(entry, Json) + "\n";
            using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                stream.Write(Encoding.UTF8.GetBytes(line));
                stream.Flush(flushToDisk: true);
            }

            _seq = seq;
            _lastHash = hash;
            return entry;
        }
    }

    /// <summary>The newest <paramref name="max"/> entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int max = 500)
    {
        lock (_lock)
        {
            List<AuditEntry> all = ReadFile();
            all.Reverse();
            return all.Count > max ? all[..max] : all;
        }
    }

    /// <summary>Checks the hash chain; returns null when intact, else the first broken line and why.</summary>
    public string? Verify()
    {
        lock (_lock)
        {
            string prev = "";
            long line = 0;
            foreach (AuditEntry e in ReadFile())
            {
                line++;
                if (e.Prev != prev || e.Hash != HashOf(e.Seq, e.Ts, e.User, e.Action, e.Target, e.Before, e.After, e.Prev))
                {
                    return $"{_path}: line {line} (seq {e.Seq}) does not match the hash chain: the log was edited.";
                }

                prev = e.Hash;
            }

            return null;
        }
    }

    private List<AuditEntry> ReadFile()
    {
        var list = new List<AuditEntry>();
        if (!File.Exists(_path))
        {
            return list;
        }

        using var reader = new StreamReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        long n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<AuditEntry>(line, Json) is { } e)
                {
                    list.Add(e);
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{_path}: line {n} is not a valid audit entry ({ex.Message}).", ex);
            }
        }

        return list;
    }

    private static string HashOf(long seq, DateTimeOffset ts, string user, string action, string target, JsonNode? before, JsonNode? after, string prev)
    {
        string canonical = string.Join(
            '\u001f',
            seq.ToString(CultureInfo.InvariantCulture),
            ts.UtcTicks.ToString(CultureInfo.InvariantCulture),
            user,
            action,
            target,
            before?.ToJsonString() ?? "null",
            after?.ToJsonString() ?? "null",
            prev);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
