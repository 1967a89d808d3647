using System.Buffers;

namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>
/// Bytes received from a serial line and not yet cut into frames. One fixed array, compacted after each
/// consume: at a sensor's 10–32 bytes per second nothing larger or cleverer pays off, and nothing is allocated
/// after construction.
/// </summary>
internal sealed class SerialFrameBuffer
{
    // Twice the tty layer's usual 4 KiB: a minute of PMS5003 frames (32 B/s) fits with room to spare.
    private readonly byte[] _bytes = new byte[8192];
    private int _count;

    /// <summary>The pending bytes as a sequence for a frame decoder.</summary>
    public ReadOnlySequence<byte> Pending => new(_bytes, 0, _count);

    /// <summary>Number of pending bytes.</summary>
    public int Count => _count;

    /// <summary>
    /// Reads from <paramref name="link"/>, waiting up to <paramref name="timeout"/> for the first byte. When the
    /// buffer is full the oldest half is dropped as garbage (a decoder always consumes all but one partial frame,
    /// so this only happens with a decoder-less stream of junk).
    /// </summary>
    public int Fill(ISerialLink link, TimeSpan timeout, SensorCounters counters)
    {
        if (_count == _bytes.Length)
        {
            int drop = _bytes.Length / 2;
            Interlocked.Add(ref counters._garbageBytes, drop);
            Consume(drop);
        }

        int read = link.Read(_bytes.AsSpan(_count), timeout);
        _count += read;
        return read;
    }

    /// <summary>Removes the first <paramref name="count"/> bytes.</summary>
    public void Consume(long count)
    {
        int n = (int)count;
        if (n <= 0)
        {
            return;
        }

        _bytes.AsSpan(n, _count - n).CopyTo(_bytes);
        _count -= n;
    }

    /// <summary>Removes the bytes before <paramref name="position"/> of <see cref="Pending"/>.</summary>
    public void ConsumeTo(SequencePosition position) => Consume(Pending.Slice(0, position).Length);

    /// <summary>Forgets everything pending.</summary>
    public void Clear() => _count = 0;
}
