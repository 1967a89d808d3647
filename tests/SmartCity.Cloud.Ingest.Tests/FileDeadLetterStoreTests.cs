using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest.Tests;

public sealed class FileDeadLetterStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keeps_counts_and_lists_dead_letters_across_reopen()
    {
        var at = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        using (var store = new FileDeadLetterStore(_folder.Path))
        {
            await store.AddAsync([FileDeadLetterStore.Create(at, DeadLetterReason.MalformedJson, "malformed traffic payload", "smartcity/v1/dev-1/traffic", "dev-1", "{x"u8)]);
            await store.AddAsync([
                FileDeadLetterStore.Create(at.AddSeconds(1), DeadLetterReason.InvalidTopic, "not v1", "other/topic", null, "{}"u8),
                FileDeadLetterStore.Create(at.AddSeconds(2), DeadLetterReason.DeviceMismatch, "topic device 'dev-1' does not match payload device 'dev-2'", "smartcity/v1/dev-1/air", "dev-1", "{}"u8),
            ]);
            Assert.Equal(3, store.Count);
        }

        using var reopened = new FileDeadLetterStore(_folder.Path);
        Assert.Equal(3, reopened.Count);
        var last2 = await reopened.ListAsync(2);
        Assert.Equal([DeadLetterReason.InvalidTopic, DeadLetterReason.DeviceMismatch], last2.Select(l => l.Reason));
        Assert.Null(last2[0].Device);
        var all = await reopened.ListAsync(100);
        Assert.Equal(3, all.Count);
        Assert.Equal("{x"u8.ToArray(), Convert.FromBase64String(all[0].PayloadBase64));
        Assert.Equal(at, all[0].ReceivedAt);
        Assert.Empty(await reopened.ListAsync(0));

        // Plain JSON lines: readable without this library.
        var line = File.ReadLines(Directory.EnumerateFiles(_folder.Path).Single()).First();
        Assert.Contains("\"reason\":\"MalformedJson\"", line, StringComparison.Ordinal);
        Assert.Contains("\"topic\":\"smartcity/v1/dev-1/traffic\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_payload_is_kept_up_to_the_size_limit_and_marked()
    {
        var payload = new byte[WireJson.MaxPayloadBytes + 10];
        var letter = FileDeadLetterStore.Create(DateTimeOffset.UnixEpoch, DeadLetterReason.Oversized, "too big", "smartcity/v1/dev-1/events", "dev-1", payload);
        Assert.True(letter.PayloadTruncated);
        Assert.Equal(payload.Length, letter.PayloadBytes);
        Assert.Equal(WireJson.MaxPayloadBytes, Convert.FromBase64String(letter.PayloadBase64).Length);
    }
}
