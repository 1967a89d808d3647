namespace SmartCity.AirQuality.Indices;

/// <summary>A US AQI sub-index for one pollutant.</summary>
/// <param name="Pollutant">The table used.</param>
/// <param name="Concentration">The concentration given, before truncation.</param>
/// <param name="TruncatedConcentration">The concentration after the TAD's truncation; the value the table saw.</param>
/// <param name="Index">The AQI, rounded to the nearest integer (half away from zero).</param>
/// <param name="IsBeyondIndex">
/// True when the truncated concentration lies above the table's top breakpoint: <see cref="Index"/> is then the
/// top row extended linearly (so it exceeds 500 and still ranks) and the category is Hazardous — AirNow calls
/// this "Beyond the AQI".
/// </param>
public readonly record struct AqiResult(AqiPollutant Pollutant, double Concentration, double TruncatedConcentration, int Index, bool IsBeyondIndex)
{
    /// <summary>The category of <see cref="Index"/>.</summary>
    public AqiCategory Category => AqiCategories.FromIndex(Index);
}
