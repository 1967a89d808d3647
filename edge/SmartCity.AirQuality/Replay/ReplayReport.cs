using SmartCity.AirQuality.Readers;

namespace SmartCity.AirQuality.Replay;

/// <summary>The result of replaying one or more files.</summary>
/// <param name="Files">What each input file yielded (formats, line counts, bad lines).</param>
/// <param name="Series">One entry per sensor and quantity, PM first.</param>
/// <param name="Options">The options used.</param>
public sealed record ReplayReport(IReadOnlyList<AirCsvReadResult> Files, IReadOnlyList<ReplaySeries> Series, ReplayOptions Options)
{
    /// <summary>The series of <paramref name="quantity"/>, in report order.</summary>
    public IEnumerable<ReplaySeries> Of(Quantity quantity) => Series.Where(s => s.Quantity == quantity);
}
