using System.Collections.Concurrent;
using SmartCity.Cloud.Dashboard.Live;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>
/// Store answers for whole past UTC days, kept so that a 30-day view reads only today from the store. A day's entries are
/// dropped as soon as a published batch touches that day (late data, outbox backlog), so an answer is never staler than
/// the live feed; today is never cached. Bounded: past <see cref="MaxEntries"/> entries everything is dropped.
/// </summary>
public sealed class DayChunkCache : IDashboardBatchObserver
{
    /// <summary>Most cached answers before the cache starts over.</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, object>> _days = new();
    private readonly TimeProvider _clock;
    private int _count;
    private long _hits;

    /// <summary>Created by DI.</summary>
    public DayChunkCache(TimeProvider clock) => _clock = clock;

    /// <summary>Answers served from the cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Whether [.., <paramref name="to"/>) lies before today (UTC), so its answer may be cached.</summary>
    public bool IsPast(DateTimeOffset to) => to <= new DateTimeOffset(_clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>A cached answer for a past range inside one day, if any.</summary>
    public bool TryGet<T>(string key, DateTimeOffset from, DateTimeOffset to, out T? value) where T : class
    {
        value = null;
        if (!IsPast(to) || !_days.TryGetValue(DayOf(from), out var entries) || !entries.TryGetValue(FullKey(key, from, to), out object? hit))
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        value = (T)hit;
        return true;
    }

    /// <summary>Marks the start of a store read for the day holding <paramref name="from"/>: pass the mark to <see cref="Put"/>.</summary>
    public object Mark(DateTimeOffset from) => _days.GetOrAdd(DayOf(from), _ => new ConcurrentDictionary<string, object>(StringComparer.Ordinal));

    /// <summary>Keeps an answer read after <paramref name="mark"/>, unless its day was invalidated in between or it is not past.</summary>
    public void Put(object mark, string key, DateTimeOffset from, DateTimeOffset to, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPast(to) && _days.TryGetValue(DayOf(from), out var current) && ReferenceEquals(current, mark)
            && current.TryAdd(FullKey(key, from, to), value) && Interlocked.Increment(ref _count) > MaxEntries)
        {
            Clear();
        }
    }

    private static string FullKey(string key, DateTimeOffset from, DateTimeOffset to) =>
        string.Concat(key, "|", from.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", to.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Drops every cached day touched by the batch's intervals.</summary>
    public void OnBatch(IReadOnlyList<WirePayload> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (WirePayload p in batch)
        {
            if (p is null)
            {
                continue;
            }

            long first = DayOf(p.Ts - TimeSpan.FromSeconds(p.IntervalS)), last = DayOf(p.Ts);
            for (long d = first; d <= last; d += TimeSpan.TicksPerDay)
            {
                if (_days.TryRemove(d, out var removed))
                {
                    Interlocked.Add(ref _count, -removed.Count);
                }
            }
        }
    }

    /// <summary>Drops everything.</summary>
    public void Clear()
    {
        _days.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>Splits [from, to) at UTC midnights.</summary>
    public static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Days(DateTimeOffset from, DateTimeOffset to)
    {
        DateTimeOffset start = from;
        while (start < to)
        {
            DateTimeOffset midnight = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
            DateTimeOffset end = midnight < to ? midnight : to;
            yield return (start, end);
            start = end;
        }
    }

    private static long DayOf(DateTimeOffset t) => t.UtcDateTime.Date.Ticks;
}
