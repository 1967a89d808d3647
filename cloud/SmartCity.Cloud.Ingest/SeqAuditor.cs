using System.Collections.Concurrent;

namespace SmartCity.Cloud.Ingest;

/// <summary>
/// Per-device audit of stored seqs: a contiguous watermark, the set of seqs stored past a hole, the holes with their
/// age, duplicates and reorders. Thread-safe; one instance may be shared by every <see cref="IngestService"/> of a
/// process, so that shared-subscription nodes audit (and request resends) together.
/// </summary>
/// <remarks>
/// A device the auditor has not seen starts at the store's last seq (<see cref="Initialize"/>), or else just below
/// the first seq it sees: a cloud that starts late does not ask a device for its whole history. Status messages are
/// latest-state and stay out of the audit (wire contract). Memory is bounded: at most <see cref="MaxTrackedAhead"/>
/// seqs are tracked past a hole per device; beyond that the lowest hole is given up and counted as abandoned.
/// </remarks>
public sealed class SeqAuditor
{
    /// <summary>Most seqs tracked above a device's watermark before the lowest hole is abandoned.</summary>
    public const int MaxTrackedAhead = 100_000;

    private readonly ConcurrentDictionary<string, DeviceTrack> _devices = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _gapsOpened;
    private long _gapsClosed;
    private long _seqsGivenUp;

    /// <summary>Creates an empty auditor.</summary>
    public SeqAuditor(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Holes opened, over all devices.</summary>
    public long GapsOpened => Interlocked.Read(ref _gapsOpened);

    /// <summary>Holes closed, over all devices.</summary>
    public long GapsClosed => Interlocked.Read(ref _gapsClosed);

    /// <summary>Holes open now, over all devices.</summary>
    public long GapsOpen => GapsOpened - GapsClosed;

    /// <summary>Starts the audit of devices not seen yet at the store's last seq (<c>ITimeSeriesStore.GetLastSeqAsync</c>).
    /// Devices already seen keep their state, so a second node sharing the auditor changes nothing.</summary>
    public void Initialize(IReadOnlyDictionary<string, long> lastSeqByDevice)
    {
        ArgumentNullException.ThrowIfNull(lastSeqByDevice);
        var now = _timeProvider.GetUtcNow();
        foreach (var (device, last) in lastSeqByDevice)
        {
            _devices.TryAdd(device, new DeviceTrack(last, now));
        }
    }

    /// <summary>Records that <paramref name="seq"/> of <paramref name="device"/> is stored.</summary>
    public SeqObservation Observe(string device, long seq)
    {
        ArgumentNullException.ThrowIfNull(device);
        var now = _timeProvider.GetUtcNow();
        var track = _devices.GetOrAdd(device, static (_, state) => new DeviceTrack(state.Seq - 1, state.Now), (Seq: seq, Now: now));
        lock (track)
        {
            var abandonedBefore = track.Abandoned;
            var result = track.Observe(seq, now, out var opened, out var closed);
            if (track.Abandoned != abandonedBefore)
            {
                Interlocked.Add(ref _seqsGivenUp, track.Abandoned - abandonedBefore);
            }

            if (opened != 0)
            {
                Interlocked.Add(ref _gapsOpened, opened);
            }

            if (closed != 0)
            {
                Interlocked.Add(ref _gapsClosed, closed);
            }

            return result;
        }
    }

    /// <summary>The audit of every device, sorted by device id.</summary>
    public IReadOnlyList<DeviceSeqState> Snapshot()
    {
        var now = _timeProvider.GetUtcNow();
        var result = new List<DeviceSeqState>(_devices.Count);
        foreach (var (device, track) in _devices)
        {
            lock (track)
            {
                result.Add(track.ToState(device, now));
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Device, b.Device));
        return result;
    }

    /// <summary>The audit of one device; null when it was never seen.</summary>
    public DeviceSeqState? Snapshot(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!_devices.TryGetValue(device, out var track))
        {
            return null;
        }

        lock (track)
        {
            return track.ToState(device, _timeProvider.GetUtcNow());
        }
    }

    /// <summary>Holes, over all devices, open for at least <paramref name="grace"/>.</summary>
    public IReadOnlyList<SeqGap> GetGapsOlderThan(TimeSpan grace)
    {
        var now = _timeProvider.GetUtcNow();
        var result = new List<SeqGap>();
        foreach (var (device, track) in _devices)
        {
            lock (track)
            {
                if (track.HasHoles)
                {
                    foreach (var gap in track.Gaps(device, now))
                    {
                        if (gap.Age >= grace)
                        {
                            result.Add(gap);
                        }
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Seqs given up over all devices (<see cref="GiveUpGapsOlderThan"/> and the tracking bound).</summary>
    public long SeqsGivenUp => Interlocked.Read(ref _seqsGivenUp);

    /// <summary>Gives up holes open for at least <paramref name="age"/>, lowest first (a lower hole is never younger
    /// than a higher one): the watermark moves past them and their seqs count as <see cref="DeviceSeqState.Abandoned"/>,
    /// i.e. lost. Returns the holes given up.</summary>
    public IReadOnlyList<SeqGap> GiveUpGapsOlderThan(TimeSpan age)
    {
        var now = _timeProvider.GetUtcNow();
        var result = new List<SeqGap>();
        foreach (var (device, track) in _devices)
        {
            lock (track)
            {
                if (!track.HasHoles)
                {
                    continue;
                }

                var closed = 0;
                var before = result.Count;
                track.GiveUpOldHoles(device, now, age, result, ref closed);
                if (closed != 0)
                {
                    Interlocked.Add(ref _gapsClosed, closed);
                }

                for (var i = before; i < result.Count; i++)
                {
                    Interlocked.Add(ref _seqsGivenUp, result[i].Count);
                }
            }
        }

        return result;
    }

    /// <summary>Records a seq the device reports outside the audited stream (the seq of its <c>status</c> message:
    /// the outbox checkpoint, a seq the broker has acknowledged). A hint above every seq stored means the tail of the
    /// stream was lost where no later seq can show it: the device becomes due for a tail probe at once
    /// (<see cref="GetTailProbesDue"/>). Unknown devices are ignored.</summary>
    public void Hint(string device, long seq)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (_devices.TryGetValue(device, out var track))
        {
            lock (track)
            {
                track.Hint(seq);
            }
        }
    }

    /// <summary>Records the id of a request (resend or tail probe) just sent to <paramref name="device"/>; the device
    /// answers its requests in order, each with a <c>cmd-result</c> that takes a new seq, so the top of its stream is
    /// unconfirmed again until a tail probe sent after it is answered.</summary>
    public void RequestSent(string device, string requestId)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(requestId);
        if (_devices.TryGetValue(device, out var track))
        {
            lock (track)
            {
                track.RequestSent(requestId);
            }
        }
    }

    /// <summary>Records that the device answered tail probe <paramref name="requestId"/> with a <c>cmd-result</c> of seq
    /// <paramref name="seq"/>. When that probe is the last request sent to the device (no later request whose answer
    /// would be a new tail), the stream up to that seq is known complete at the top (holes below it are ordinary
    /// gaps), so the device is not probed again until a later seq arrives.</summary>
    public void TailProbeAnswered(string device, long seq, string requestId)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(requestId);
        if (_devices.TryGetValue(device, out var track))
        {
            lock (track)
            {
                if (string.Equals(track.LastRequestId, requestId, StringComparison.Ordinal))
                {
                    track.ProbeAnswered(seq);
                }
            }
        }
    }

    /// <summary>Devices whose stream may have lost its tail: no hole open, nothing stored for <paramref name="quietFor"/>
    /// (or a status hint above the highest seq), the highest seq not confirmed by a probe answer. Probes of one highest
    /// seq back off from <paramref name="minRetry"/>, doubling up to 4 × <paramref name="quietFor"/>, and stop once the
    /// device was last seen <paramref name="giveUpAfter"/> ago (past its replay window). Each device returned is
    /// recorded as probed now, with the first seq to ask for (highest stored + 1).</summary>
    public IReadOnlyList<(string Device, long From)> GetTailProbesDue(TimeSpan quietFor, TimeSpan minRetry, TimeSpan giveUpAfter)
    {
        var now = _timeProvider.GetUtcNow();
        var result = new List<(string, long)>();
        foreach (var (device, track) in _devices)
        {
            lock (track)
            {
                if (track.TryClaimTailProbe(now, quietFor, minRetry, giveUpAfter, out var from))
                {
                    result.Add((device, from));
                }
            }
        }

        return result;
    }

    /// <summary>True (and records the time) when no resend was requested from <paramref name="device"/> within
    /// <paramref name="minInterval"/>; the rate limit shared by every node using this auditor.</summary>
    public bool TryClaimResend(string device, TimeSpan minInterval)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!_devices.TryGetValue(device, out var track))
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        lock (track)
        {
            if (track.LastResendAt is { } last && now - last < minInterval)
            {
                return false;
            }

            track.LastResendAt = now;
            return true;
        }
    }

    /// <summary>State of one device; guarded by locking the instance.</summary>
    private sealed class DeviceTrack(long start, DateTimeOffset now)
    {
        // Seqs stored above the watermark (past a hole) and when each arrived, for the age of the hole below it.
        private readonly SortedSet<long> _ahead = [];
        private readonly Dictionary<long, DateTimeOffset> _arrivedAt = [];
        private readonly long _auditStart = start;
        private long _watermark = start;
        private long _stored;
        private long _duplicates;
        private long _reordered;
        private long _beforeAudit;
        private long _gapsOpened;
        private long _gapsClosed;
        private long _abandoned;
        private DateTimeOffset _lastSeen = now;
        private long _confirmedHighest = long.MinValue;
        private long _probedHighest = long.MinValue;
        private int _probes;
        private DateTimeOffset _lastProbeAt;
        private bool _hintAbove;

        public DateTimeOffset? LastResendAt { get; set; }

        public string? LastRequestId { get; private set; }

        /// <summary>The answer to this request takes a new seq: the top of the stream is not confirmed any more.</summary>
        public void RequestSent(string requestId)
        {
            LastRequestId = requestId;
            _confirmedHighest = long.MinValue;
        }

        private long Highest => _ahead.Count > 0 ? _ahead.Max : _watermark;

        public void Hint(long seq)
        {
            if (seq > Highest)
            {
                _hintAbove = true;
            }
        }

        public void ProbeAnswered(long seq)
        {
            _confirmedHighest = Math.Max(_confirmedHighest, seq);
            _hintAbove = false;
        }

        public bool TryClaimTailProbe(DateTimeOffset now, TimeSpan quietFor, TimeSpan minRetry, TimeSpan giveUpAfter, out long from)
        {
            var highest = Highest;
            from = highest + 1;
            if (_ahead.Count > 0 || highest <= _confirmedHighest || now - _lastSeen >= giveUpAfter
                || (!_hintAbove && now - _lastSeen < quietFor))
            {
                return false;
            }

            if (_probedHighest != highest)
            {
                _probedHighest = highest;
                _probes = 0;
            }
            else
            {
                var retry = TimeSpan.FromTicks(Math.Min(4 * quietFor.Ticks, minRetry.Ticks << Math.Min(_probes - 1, 20)));
                if (!_hintAbove && now - _lastProbeAt < retry)
                {
                    return false;
                }
            }

            _probes++;
            _lastProbeAt = now;
            _hintAbove = false;
            return true;
        }

        public bool HasHoles => _ahead.Count > 0;

        public long Abandoned => _abandoned;

        public SeqObservation Observe(long seq, DateTimeOffset now, out int opened, out int closed)
        {
            opened = 0;
            closed = 0;
            _lastSeen = now;
            if (seq <= _auditStart)
            {
                _beforeAudit++;
                return SeqObservation.BeforeAudit;
            }

            if (seq <= _watermark || _ahead.Contains(seq))
            {
                _duplicates++;
                return SeqObservation.Duplicate;
            }

            _stored++;
            var below = _watermark;
            long? above = null;
            if (_ahead.Count > 0)
            {
                if (_ahead.Min < seq)
                {
                    below = _ahead.GetViewBetween(_ahead.Min, seq - 1).Max;
                }

                if (_ahead.Max > seq)
                {
                    above = _ahead.GetViewBetween(seq + 1, _ahead.Max).Min;
                }
            }

            var holeBelow = seq > below + 1;
            if (above is { } next)
            {
                // The seq was inside the hole (below, next): it now splits, shrinks or closes it.
                var parts = (holeBelow ? 1 : 0) + (next > seq + 1 ? 1 : 0);
                if (parts == 0)
                {
                    _gapsClosed++;
                    closed = 1;
                }
                else if (parts == 2)
                {
                    _gapsOpened++;
                    opened = 1;
                }
            }
            else if (holeBelow)
            {
                _gapsOpened++;
                opened = 1;
            }

            if (seq == _watermark + 1)
            {
                _watermark = seq;
                while (_ahead.Count > 0 && _ahead.Min == _watermark + 1)
                {
                    _watermark = _ahead.Min;
                    _ahead.Remove(_watermark);
                    _arrivedAt.Remove(_watermark);
                }
            }
            else
            {
                _ahead.Add(seq);
                _arrivedAt[seq] = now;
                while (_ahead.Count > MaxTrackedAhead)
                {
                    AbandonLowestHole(ref closed);
                }
            }

            if (above is not null)
            {
                _reordered++;
                return SeqObservation.FilledGap;
            }

            return SeqObservation.InOrder;
        }

        public List<SeqGap> Gaps(string device, DateTimeOffset now)
        {
            var gaps = new List<SeqGap>();
            if (_ahead.Count == 0)
            {
                return gaps;
            }

            // A hole is visible since the earliest arrival of any seq above it: a suffix minimum over the set.
            var seqs = new long[_ahead.Count];
            _ahead.CopyTo(seqs);
            var since = new DateTimeOffset[seqs.Length];
            var earliest = DateTimeOffset.MaxValue;
            for (var i = seqs.Length - 1; i >= 0; i--)
            {
                var arrived = _arrivedAt[seqs[i]];
                earliest = arrived < earliest ? arrived : earliest;
                since[i] = earliest;
            }

            var previous = _watermark;
            for (var i = 0; i < seqs.Length; i++)
            {
                if (seqs[i] > previous + 1)
                {
                    gaps.Add(new SeqGap(device, previous + 1, seqs[i] - 1, since[i], now - since[i]));
                }

                previous = seqs[i];
            }

            return gaps;
        }

        public DeviceSeqState ToState(string device, DateTimeOffset now) => new()
        {
            Device = device,
            AuditStart = _auditStart,
            Watermark = _watermark,
            HighestSeq = _ahead.Count > 0 ? _ahead.Max : _watermark,
            OutOfOrder = _ahead.Count,
            OpenGaps = [.. Gaps(device, now)],
            Stored = _stored,
            Duplicates = _duplicates,
            Reordered = _reordered,
            BeforeAudit = _beforeAudit,
            GapsOpened = _gapsOpened,
            GapsClosed = _gapsClosed,
            Abandoned = _abandoned,
            LastSeenAt = _lastSeen,
            LastResendRequestAt = LastResendAt,
        };

        public void GiveUpOldHoles(string device, DateTimeOffset now, TimeSpan age, List<SeqGap> givenUp, ref int closed)
        {
            while (_ahead.Count > 0)
            {
                // The lowest hole is visible since the earliest arrival of any seq tracked above the watermark.
                var since = DateTimeOffset.MaxValue;
                foreach (var arrived in _arrivedAt.Values)
                {
                    since = arrived < since ? arrived : since;
                }

                if (now - since < age)
                {
                    return;
                }

                givenUp.Add(new SeqGap(device, _watermark + 1, _ahead.Min - 1, since, now - since));
                AbandonLowestHole(ref closed);
            }
        }

        private void AbandonLowestHole(ref int closed)
        {
            var lowest = _ahead.Min;
            _abandoned += lowest - _watermark - 1;
            _gapsClosed++;
            closed++;
            _watermark = lowest - 1;
            while (_ahead.Count > 0 && _ahead.Min == _watermark + 1)
            {
                _watermark = _ahead.Min;
                _ahead.Remove(_watermark);
                _arrivedAt.Remove(_watermark);
            }
        }
    }
}
