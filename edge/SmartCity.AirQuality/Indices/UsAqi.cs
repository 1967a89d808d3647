namespace SmartCity.AirQuality.Indices;

/// <summary>
/// The US Air Quality Index, computed exactly as US EPA, "Technical Assistance Document for the Reporting of
/// Daily Air Quality – the Air Quality Index (AQI)", EPA-454/B-24-002 (May 2024), section IV prescribes:
/// truncate the concentration (<see cref="AqiBreakpointTable.TruncationDecimals"/>), find the row of Table 6
/// whose BP_Lo ≤ C ≤ BP_Hi, interpolate linearly, round to the nearest integer.
/// </summary>
public static class UsAqi
{
    /// <summary>
    /// Truncates (never rounds) <paramref name="concentration"/> to the pollutant's reporting precision.
    /// Goes through <see cref="decimal"/> because binary doubles such as 0.029 are stored as 0.02899…, which a
    /// plain floor(c·1000) would truncate to 0.028.
    /// </summary>
    public static double Truncate(AqiPollutant pollutant, double concentration)
    {
        if (!double.IsFinite(concentration) || Math.Abs(concentration) > 1e12)
        {
            return concentration;
        }

        decimal scale = AqiBreakpointTable.TruncationDecimals(pollutant) switch
        {
            0 => 1m,
            1 => 10m,
            _ => 1000m,
        };
        return (double)(decimal.Truncate((decimal)concentration * scale) / scale);
    }

    /// <summary>
    /// Computes the sub-index, or says why it cannot: a NaN or negative concentration; 8-hour ozone above
    /// 0.200 ppm (AQI from 1-hour ozone instead); 1-hour ozone below 0.125 ppm (use 8-hour); 1-hour SO2 above
    /// 304 ppb (use the 24-hour mean); 24-hour SO2 below 305 ppb (use the 1-hour value).
    /// </summary>
    public static bool TryCalculate(AqiPollutant pollutant, double concentration, out AqiResult result, out string? whyNot)
    {
        result = default;
        if (!double.IsFinite(concentration))
        {
            whyNot = "concentration is not a finite number";
            return false;
        }

        if (concentration < 0)
        {
            whyNot = $"concentration {concentration} is negative";
            return false;
        }

        var table = AqiBreakpointTable.For(pollutant);
        double c = Truncate(pollutant, concentration);
        if (c < table[0].ConcentrationLow)
        {
            whyNot = $"{pollutant} defines the AQI only from {table[0].ConcentrationLow} {AqiBreakpointTable.Unit(pollutant)} (index {table[0].IndexLow})";
            return false;
        }

        foreach (var row in table)
        {
            // Truncation puts C on the table's grid, so it is never in the gap between one BP_Hi and the next BP_Lo.
            if (c <= row.ConcentrationHigh)
            {
                result = new AqiResult(pollutant, concentration, c, RoundIndex(row.Interpolate(c)), IsBeyondIndex: false);
                whyNot = null;
                return true;
            }
        }

        var top = table[^1];
        if (!AqiBreakpointTable.ExtendsBeyondTop(pollutant))
        {
            whyNot = pollutant == AqiPollutant.O3EightHour
                ? "8-hour ozone above 0.200 ppm does not define the AQI; use 1-hour ozone"
                : "1-hour SO2 above 304 ppb does not define the AQI; use the 24-hour mean";
            return false;
        }

        result = new AqiResult(pollutant, concentration, c, RoundIndex(top.Interpolate(c)), IsBeyondIndex: true);
        whyNot = null;
        return true;
    }

    /// <summary>Computes the sub-index; throws <see cref="ArgumentOutOfRangeException"/> where <see cref="TryCalculate"/> would say no.</summary>
    public static AqiResult Calculate(AqiPollutant pollutant, double concentration) =>
        TryCalculate(pollutant, concentration, out var result, out var whyNot)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(concentration), concentration, $"No AQI for {pollutant}: {whyNot}.");

    /// <summary>
    /// The reported AQI of several sub-indices: the highest (TAD 2024, "How to handle values from multiple
    /// pollutants"); its pollutant is the responsible pollutant. Returns false for an empty span.
    /// </summary>
    public static bool TryOverall(ReadOnlySpan<AqiResult> subIndices, out AqiResult responsible)
    {
        responsible = default;
        if (subIndices.IsEmpty)
        {
            return false;
        }

        responsible = subIndices[0];
        foreach (var r in subIndices[1..])
        {
            if (r.Index > responsible.Index)
            {
                responsible = r;
            }
        }

        return true;
    }

    // "Round the index to the nearest integer": half away from zero, not .NET's default banker's rounding (a 125.5 is 126).
    private static int RoundIndex(double index) => (int)Math.Round(index, MidpointRounding.AwayFromZero);
}
