namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Finds JPEG images in an MJPEG byte stream (rpicam-vid <c>--codec mjpeg -o -</c>: images back to back).
/// It walks the marker segments rather than searching for the end-of-image bytes, so an embedded EXIF thumbnail
/// does not end a frame early; inside entropy-coded data it skips stuffed bytes and restart markers.
/// </summary>
public static class MjpegFrameScanner
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    /// <summary>
    /// Scans <paramref name="data"/>. <paramref name="start"/> is where the (first) image begins, or, with
    /// <see cref="MjpegScanResult.NeedMoreData"/> and no image begun, how many leading bytes can be discarded.
    /// <paramref name="length"/> is the image's length for <see cref="MjpegScanResult.Complete"/> and
    /// <see cref="MjpegScanResult.Truncated"/>.
    /// </summary>
    public static MjpegScanResult Scan(ReadOnlySpan<byte> data, out int start, out int length)
    {
        length = 0;
        start = IndexOfStartOfImage(data, 0);
        if (start < 0)
        {
            // Keep a trailing 0xFF: it may be the first half of the next start-of-image marker.
            start = data.Length > 0 && data[^1] == Marker ? data.Length - 1 : data.Length;
            return MjpegScanResult.NeedMoreData;
        }

        int i = start + 2;
        while (true)
        {
            while (i + 1 < data.Length && data[i] == Marker && data[i + 1] == Marker)
            {
                i++; // fill bytes before a marker
            }

            if (i + 1 >= data.Length)
            {
                return MjpegScanResult.NeedMoreData;
            }

            if (data[i] != Marker)
            {
                return Broken(data, start, out length);
            }

            byte marker = data[i + 1];
            if (marker == EndOfImage)
            {
                length = i + 2 - start;
                return MjpegScanResult.Complete;
            }

            if (marker == StartOfImage)
            {
                length = i - start;
                return MjpegScanResult.Truncated;
            }

            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                i += 2; // markers without a length
                continue;
            }

            if (i + 3 >= data.Length)
            {
                return MjpegScanResult.NeedMoreData;
            }

            int segmentLength = (data[i + 2] << 8) | data[i + 3];
            if (segmentLength < 2)
            {
                return Broken(data, start, out length);
            }

            i += 2 + segmentLength;
            if (marker == StartOfScan)
            {
                i = SkipEntropyCodedData(data, i);
            }

            if (i >= data.Length)
            {
                return MjpegScanResult.NeedMoreData;
            }
        }
    }

    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length)
        {
            int found = data[i..].IndexOf(Marker);
            if (found < 0)
            {
                return data.Length;
            }

            int j = i + found;
            if (j + 1 >= data.Length)
            {
                return data.Length;
            }

            byte next = data[j + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                i = j + 2; // stuffed 0xFF or restart marker: still scan data
                continue;
            }

            if (next == Marker)
            {
                i = j + 1;
                continue;
            }

            return j; // a real marker: end of this scan
        }

        return data.Length;
    }

    private static MjpegScanResult Broken(ReadOnlySpan<byte> data, int start, out int length)
    {
        int next = IndexOfStartOfImage(data, start + 2);
        if (next < 0)
        {
            length = 0;
            return MjpegScanResult.NeedMoreData;
        }

        length = next - start;
        return MjpegScanResult.Truncated;
    }

    private static int IndexOfStartOfImage(ReadOnlySpan<byte> data, int from)
    {
        while (from < data.Length - 1)
        {
            int found = data[from..^1].IndexOf(Marker);
            if (found < 0)
            {
                return -1;
            }

            int i = from + found;
            if (data[i + 1] == StartOfImage)
            {
                return i;
            }

            from = i + 1;
        }

        return -1;
    }
}
