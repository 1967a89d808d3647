namespace SmartCity.AirQuality.Indices;

/// <summary>
/// The European Air Quality Index of the European Environment Agency: each pollutant's concentration (µg/m³)
/// falls in one of six bands; the index of a station is the worst band of its pollutants.
/// Default thresholds (<see cref="EaqiVersion.Revised2024"/>), upper bounds of Good…Very poor:
/// PM2.5 5, 15, 50, 90, 140; PM10 15, 45, 120, 195, 270; NO2 10, 25, 60, 100, 150; O3 60, 100, 120, 160, 180;
/// SO2 20, 40, 125, 190, 275 — all hourly means. A value equal to an upper bound belongs to the lower band
/// (the EEA publishes the bands as 0–5, 5–15, …; we read each as "up to and including").
/// </summary>
public static class EuropeanAqi
{
    // Upper bounds of Good, Fair, Moderate, Poor, Very poor; anything above the last is Extremely poor.
    private static readonly double[] Pm25Revised = [5, 15, 50, 90, 140];
    private static readonly double[] Pm10Revised = [15, 45, 120, 195, 270];
    private static readonly double[] No2Revised = [10, 25, 60, 100, 150];
    private static readonly double[] O3Revised = [60, 100, 120, 160, 180];
    private static readonly double[] So2Revised = [20, 40, 125, 190, 275];

    private static readonly double[] Pm25Original = [10, 20, 25, 50, 75];
    private static readonly double[] Pm10Original = [20, 40, 50, 100, 150];
    private static readonly double[] No2Original = [40, 90, 120, 230, 340];
    private static readonly double[] O3Original = [50, 100, 130, 240, 380];
    private static readonly double[] So2Original = [100, 200, 350, 500, 750];

    /// <summary>Upper bounds (µg/m³) of the Good to Very poor bands of <paramref name="pollutant"/>.</summary>
    public static ReadOnlySpan<double> UpperBounds(Pollutant pollutant, EaqiVersion version = EaqiVersion.Revised2024) => (pollutant, version) switch
    {
        (Pollutant.Pm25, EaqiVersion.Revised2024) => Pm25Revised,
        (Pollutant.Pm10, EaqiVersion.Revised2024) => Pm10Revised,
        (Pollutant.No2, EaqiVersion.Revised2024) => No2Revised,
        (Pollutant.O3, EaqiVersion.Revised2024) => O3Revised,
        (Pollutant.So2, EaqiVersion.Revised2024) => So2Revised,
        (Pollutant.Pm25, EaqiVersion.Original2017) => Pm25Original,
        (Pollutant.Pm10, EaqiVersion.Original2017) => Pm10Original,
        (Pollutant.No2, EaqiVersion.Original2017) => No2Original,
        (Pollutant.O3, EaqiVersion.Original2017) => O3Original,
        (Pollutant.So2, EaqiVersion.Original2017) => So2Original,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "The European Air Quality Index covers PM2.5, PM10, NO2, O3 and SO2 only."),
    };

    /// <summary>The band of one pollutant's concentration (µg/m³); false for NaN or negative values.</summary>
    public static bool TryBand(Pollutant pollutant, double concentration, out EaqiBand band, EaqiVersion version = EaqiVersion.Revised2024)
    {
        band = default;
        if (!double.IsFinite(concentration) || concentration < 0)
        {
            return false;
        }

        var bounds = UpperBounds(pollutant, version);
        for (int i = 0; i < bounds.Length; i++)
        {
            if (concentration <= bounds[i])
            {
                band = (EaqiBand)(i + 1);
                return true;
            }
        }

        band = EaqiBand.ExtremelyPoor;
        return true;
    }

    /// <summary>The band of one pollutant's concentration; throws for NaN or negative values.</summary>
    public static EaqiBand Band(Pollutant pollutant, double concentration, EaqiVersion version = EaqiVersion.Revised2024) =>
        TryBand(pollutant, concentration, out var band, version)
            ? band
            : throw new ArgumentOutOfRangeException(nameof(concentration), concentration, $"No EAQI band for {pollutant}: not a non-negative concentration.");

    /// <summary>The station's index: the worst of the given bands (false when there are none).</summary>
    public static bool TryOverall(ReadOnlySpan<EaqiBand> bands, out EaqiBand overall)
    {
        overall = default;
        foreach (var b in bands)
        {
            if (b > overall)
            {
                overall = b;
            }
        }

        return overall != default;
    }

    /// <summary>The band's name as the EEA prints it.</summary>
    public static string DisplayName(this EaqiBand band) => band switch
    {
        EaqiBand.Good => "Good",
        EaqiBand.Fair => "Fair",
        EaqiBand.Moderate => "Moderate",
        EaqiBand.Poor => "Poor",
        EaqiBand.VeryPoor => "Very poor",
        EaqiBand.ExtremelyPoor => "Extremely poor",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown EAQI band."),
    };

    /// <summary>
    /// The band's colour as "#RRGGBB", the palette of the EEA index viewer (shared with France's ATMO index):
    /// #50F0E6, #50CCAA, #F0E641, #FF5050, #960032, #7D2181.
    /// </summary>
    public static string HexColor(this EaqiBand band) => band switch
    {
        EaqiBand.Good => "#50F0E6",
        EaqiBand.Fair => "#50CCAA",
        EaqiBand.Moderate => "#F0E641",
        EaqiBand.Poor => "#FF5050",
        EaqiBand.VeryPoor => "#960032",
        EaqiBand.ExtremelyPoor => "#7D2181",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown EAQI band."),
    };
}
