namespace SmartCity.Edge.Analytics.Summaries;

/// <summary>The peak hour of a series of 15-minute bins and its peak-hour factor.</summary>
/// <param name="Start">Start of the peak hour; null when none could be found.</param>
/// <param name="Volume">Hourly volume V (sum of its four bins).</param>
/// <param name="PeakBinVolume">Largest 15-minute volume V15max within the hour.</param>
/// <param name="Factor">PHF = V / (4 × V15max); null when not computed.</param>
/// <param name="Reason">Why the factor is null (no four consecutive usable bins, no traffic).</param>
public sealed record PeakHourResult(DateTimeOffset? Start, int? Volume, int? PeakBinVolume, double? Factor, string? Reason)
{
    /// <summary>
    /// Finds the hour (four consecutive bins) of highest volume and its PHF. Bins must be consecutive; a bin with
    /// a null volume breaks every hour it belongs to, because a PHF across missing data would be a guess.
    /// </summary>
    public static PeakHourResult Find(IReadOnlyList<BinVolume> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        int bestStart = -1, bestVolume = -1, bestPeak = 0;
        string? blocker = null;
        for (int s = 0; s + 4 <= bins.Count; s++)
        {
            int volume = 0, peak = 0;
            bool usable = true;
            for (int k = s; k < s + 4; k++)
            {
                if (bins[k].Volume is not { } v)
                {
                    usable = false;
                    blocker ??= $"bin {bins[k].Start:HH:mm} {bins[k].Unusable ?? "has no data"}";
                    break;
                }

                volume += v;
                peak = Math.Max(peak, v);
            }

            if (usable && volume > bestVolume)
            {
                (bestStart, bestVolume, bestPeak) = (s, volume, peak);
            }
        }

        if (bestStart < 0)
        {
            string why = bins.Count < 4
                ? $"fewer than four 15-minute bins ({bins.Count})"
                : $"no hour of four consecutive bins with data ({blocker})";
            return new PeakHourResult(null, null, null, null, why);
        }

        DateTimeOffset start = bins[bestStart].Start;
        if (bestPeak == 0)
        {
            return new PeakHourResult(start, 0, 0, null, "no traffic in the peak hour");
        }

        return new PeakHourResult(start, bestVolume, bestPeak, bestVolume / (4.0 * bestPeak), null);
    }
}
