namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Lengths and alignment of <see cref="BinWidth"/>.</summary>
public static class BinWidths
{
    /// <summary>The bin length.</summary>
    public static TimeSpan ToTimeSpan(this BinWidth width) => width switch
    {
        BinWidth.FifteenMinutes => TimeSpan.FromMinutes(15),
        BinWidth.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "Unknown bin width."),
    };

    /// <summary>The start of the bin holding <paramref name="t"/> (bins are aligned to the Unix epoch, so to UTC quarter hours and hours).</summary>
    public static DateTimeOffset FloorToBin(this BinWidth width, DateTimeOffset t)
    {
        long ticks = width.ToTimeSpan().Ticks;
        long utc = t.UtcTicks;
        return new DateTimeOffset(utc - (utc % ticks), TimeSpan.Zero);
    }

    /// <summary>The number of bins from <paramref name="from"/> (floored) up to <paramref name="to"/> (exclusive, rounded up).</summary>
    public static int CountBins(this BinWidth width, DateTimeOffset from, DateTimeOffset to)
    {
        long ticks = width.ToTimeSpan().Ticks;
        long start = width.FloorToBin(from).UtcTicks;
        long span = to.UtcTicks - start;
        return span <= 0 ? 0 : checked((int)((span + ticks - 1) / ticks));
    }
}
