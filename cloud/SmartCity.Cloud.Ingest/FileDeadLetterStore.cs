using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>
/// Dead letters as JSON lines in a folder, one file per UTC day (<c>deadletters-yyyyMMdd.jsonl</c>): reason, detail,
/// topic, device if known, received time and the payload in base64 (cut at <see cref="WireJson.MaxPayloadBytes"/>).
/// Each <see cref="AddAsync"/> appends and fsyncs before it returns. Lines are plain JSON, so <c>jq</c> reads them.
/// </summary>
public sealed class FileDeadLetterStore : IDeadLetterStore, IDisposable
{
    private const string Prefix = "deadletters-";
    private const string Extension = ".jsonl";
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private long _count;

    /// <summary>Opens (or creates) the folder and counts the dead letters already in it.</summary>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    public FileDeadLetterStore(string directory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _timeProvider = timeProvider ?? TimeProvider.System;
        foreach (var file in Files())
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length > 0)
                {
                    _count++;
                }
            }
        }
    }

    /// <summary>The folder that holds the files.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Builds a dead letter of a received message, keeping at most <see cref="WireJson.MaxPayloadBytes"/> of its payload.</summary>
    public static DeadLetter Create(DateTimeOffset receivedAt, DeadLetterReason reason, string detail, string topic, string? device, ReadOnlySpan<byte> payload)
    {
        var kept = payload.Length > WireJson.MaxPayloadBytes ? payload[..WireJson.MaxPayloadBytes] : payload;
        return new DeadLetter
        {
            ReceivedAt = receivedAt,
            Reason = reason,
            Detail = detail,
            Topic = topic,
            Device = device,
            PayloadBytes = payload.Length,
            PayloadBase64 = Convert.ToBase64String(kept),
            PayloadTruncated = kept.Length < payload.Length,
        };
    }

    /// <inheritdoc />
    public async Task AddAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024 * letters.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var letter in letters)
            {
                JsonSerializer.Serialize(writer, letter, DeadLetterJsonContext.Default.DeadLetter);
                writer.Flush();
                writer.Reset();
                buffer.Write(NewLine);
            }
        }

        var path = Path.Combine(Directory, Prefix + _timeProvider.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Extension);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            Interlocked.Add(ref _count, letters.Count);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var result = new List<DeadLetter>();
        if (max == 0)
        {
            return result;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Newest files first; within a file keep the last lines. Then put the whole answer in time order.
            var files = Files();
            files.Sort(StringComparer.Ordinal);
            var newestFirst = new List<DeadLetter>();
            for (var f = files.Count - 1; f >= 0 && newestFirst.Count < max; f--)
            {
                var lines = await File.ReadAllLinesAsync(files[f], cancellationToken).ConfigureAwait(false);
                for (var i = lines.Length - 1; i >= 0 && newestFirst.Count < max; i--)
                {
                    if (lines[i].Length == 0)
                    {
                        continue;
                    }

                    try
                    {
                        if (JsonSerializer.Deserialize(lines[i], DeadLetterJsonContext.Default.DeadLetter) is { } letter)
                        {
                            newestFirst.Add(letter);
                        }
                    }
                    catch (JsonException)
                    {
                        // A line torn by a crash mid-append: skip it, the rest of the file is intact.
                    }
                }
            }

            for (var i = newestFirst.Count - 1; i >= 0; i--)
            {
                result.Add(newestFirst[i]);
            }

            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();

    private List<string> Files() => [.. System.IO.Directory.EnumerateFiles(Directory, Prefix + "*" + Extension)];
}
