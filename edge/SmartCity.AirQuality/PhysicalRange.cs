namespace SmartCity.AirQuality;

/// <summary>Inclusive range of values a quantity can physically take (or a sensor can report).</summary>
/// <param name="Min">Smallest plausible value.</param>
/// <param name="Max">Largest plausible value.</param>
public readonly record struct PhysicalRange(double Min, double Max)
{
    /// <summary>True when <paramref name="value"/> is finite and within [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public bool Contains(double value) => double.IsFinite(value) && value >= Min && value <= Max;
}
