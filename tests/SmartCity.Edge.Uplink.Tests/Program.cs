using System.Globalization;
using System.Text;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>Entry point of the test assembly when run as the crash test's child process.</summary>
public static class Program
{
    /// <summary>Argument that selects the outbox writer mode.</summary>
    public const string CrashWriterMode = "outbox-crash-writer";

    /// <summary>Under <c>dotnet test</c> this is never called; as a child it appends until killed.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == CrashWriterMode)
        {
            RunCrashWriter(args[1]);
            return 0;
        }

        Console.Error.WriteLine($"usage: {CrashWriterMode} <outbox folder>");
        return 2;
    }

    /// <summary>Payload the writer stores for a seq, so the parent can check content as well as presence.</summary>
    public static byte[] PayloadFor(long seq) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"seq\":{seq},\"pad\":\"{new string('x', (int)(seq % 500))}\"}}"));

    private static void RunCrashWriter(string directory)
    {
        // Small segments so kills also land around segment rolls and seq-file rewrites.
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = directory, SegmentBytes = 64 * 1024, QuotaBytes = 1L << 30, MaxRecordBytes = 4096 });
        Console.Out.Flush();
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened {outbox.DurableSeq}"));
        while (true)
        {
            // DurableSeq moves inside a batch when an append seals a segment, so take the base once.
            // Every third batch outgrows the 64 KiB write buffer, so a kill can land on a half-written record.
            var first = outbox.DurableSeq + 1;
            var batch = first % 3 == 0 ? 300 : 10;
            for (var i = 0; i < batch; i++)
            {
                var seq = first + i;
                var appended = outbox.Append("smartcity/v1/crash-dev/traffic", PayloadFor(seq));
                if (appended != seq)
                {
                    throw new InvalidOperationException($"expected seq {seq}, got {appended}");
                }
            }

            // Only what Flush returned is promised durable; the parent checks exactly that promise.
            var durable = outbox.Flush();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"durable {durable}"));
        }
    }
}
