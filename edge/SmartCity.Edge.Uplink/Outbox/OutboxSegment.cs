using System.Globalization;

namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>One segment file of the log, named by the seq of its first record so lookups need no index.</summary>
internal sealed class OutboxSegment
{
    private const string Extension = ".seg";

    public OutboxSegment(long firstSeq, string path, long length, DateTimeOffset lastWrite)
    {
        FirstSeq = firstSeq;
        Path = path;
        Length = length;
        LastWrite = lastWrite;
    }

    /// <summary>Seq of the first record written to this segment (records may be fewer if the tail was truncated).</summary>
    public long FirstSeq { get; }

    public string Path { get; }

    /// <summary>Bytes in the file; for the active segment, bytes written so far (durable or not).</summary>
    public long Length { get; set; }

    /// <summary>When the segment was last written (sealed, for all but the active one); starts its replay window.</summary>
    public DateTimeOffset LastWrite { get; set; }

    public static string FileName(long firstSeq) => firstSeq.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    /// <summary>Parses a segment file name; false for any other file in the folder.</summary>
    public static bool TryParseFileName(string fileName, out long firstSeq)
    {
        firstSeq = 0;
        return fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, fileName.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out firstSeq);
    }
}
