using System.Diagnostics;
using System.Globalization;
using SmartCity.Edge.Uplink.Outbox;
using Xunit.Abstractions;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>Kills a real writer process with SIGKILL mid-append and checks the durability promise of Flush.</summary>
public sealed class OutboxCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_record_reported_durable_survives_sigkill_and_seqs_stay_contiguous()
    {
        long promised = 0;
        for (var cycle = 0; cycle < 4; cycle++)
        {
            var reported = await RunWriterUntilKilledAsync(promised + 200 + (cycle * 137));
            Assert.True(reported > promised, $"cycle {cycle}: writer reported {reported}, had {promised}");
            promised = reported;

            var stopwatch = Stopwatch.StartNew();
            using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path, SegmentBytes = 64 * 1024, QuotaBytes = 1L << 30, MaxRecordBytes = 4096 });
            stopwatch.Stop();
            var expected = 1L;
            long after = 0;
            while (true)
            {
                var page = outbox.ReadFrom(after, 500, 4 << 20);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var record in page)
                {
                    Assert.Equal(expected, record.Seq);
                    Assert.Equal(Program.PayloadFor(record.Seq), record.Payload.ToArray());
                    expected++;
                }

                after = page[^1].Seq;
            }

            var recovered = expected - 1;
            Assert.True(recovered >= promised, $"cycle {cycle}: {recovered} records recovered, {promised} were reported durable");
            output.WriteLine($"cycle {cycle}: reported durable {promised}, recovered {recovered}, torn tail {outbox.TruncatedBytes} bytes, recovery {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
            promised = recovered;
        }
    }

    private async Task<long> RunWriterUntilKilledAsync(long killAfterDurable)
    {
        var assembly = typeof(Program).Assembly.Location;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(Program.CrashWriterMode);
        start.ArgumentList.Add(_folder.Path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the writer process");
        long reported = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (reported < killAfterDurable)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                    throw new InvalidOperationException($"writer exited early: {error}");
                }

                if (line.StartsWith("durable ", StringComparison.Ordinal))
                {
                    reported = long.Parse(line.AsSpan(8), CultureInfo.InvariantCulture);
                }
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Unix: no finalizers, no flush, no Dispose.
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return reported;
    }
}
