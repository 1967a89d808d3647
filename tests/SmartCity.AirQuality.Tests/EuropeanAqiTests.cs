using SmartCity.AirQuality.Indices;
using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// European Air Quality Index at its band edges. Revised 2024 bands: EEA, European Air Quality Index
/// (airindex.eea.europa.eu, "About the index"), following ETC HE Report 2024/17 "EEA's revision of the
/// European Air Quality Index bands" — PM2.5 0–5–15–50–90–140, PM10 0–15–45–120–195–270, NO2 0–10–25–60–100–150,
/// O3 0–60–100–120–160–180, SO2 0–20–40–125–190–275 µg/m³, hourly. 2017 bands: the EEA index as published
/// 2017–2023 (PM2.5 0–10–20–25–50–75, PM10 0–20–40–50–100–150, NO2 0–40–90–120–230–340, O3 0–50–100–130–240–380,
/// SO2 0–100–200–350–500–750). A value on an edge belongs to the lower band.
/// </summary>
public sealed class EuropeanAqiTests
{
    [Theory]
    [InlineData(Pollutant.Pm25, 0.0, EaqiBand.Good)]
    [InlineData(Pollutant.Pm25, 5.0, EaqiBand.Good)]
    [InlineData(Pollutant.Pm25, 5.1, EaqiBand.Fair)]
    [InlineData(Pollutant.Pm25, 15.0, EaqiBand.Fair)]
    [InlineData(Pollutant.Pm25, 15.1, EaqiBand.Moderate)]
    [InlineData(Pollutant.Pm25, 50.0, EaqiBand.Moderate)]
    [InlineData(Pollutant.Pm25, 50.1, EaqiBand.Poor)]
    [InlineData(Pollutant.Pm25, 90.0, EaqiBand.Poor)]
    [InlineData(Pollutant.Pm25, 90.1, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.Pm25, 140.0, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.Pm25, 140.1, EaqiBand.ExtremelyPoor)]
    [InlineData(Pollutant.Pm10, 15.0, EaqiBand.Good)]
    [InlineData(Pollutant.Pm10, 15.1, EaqiBand.Fair)]
    [InlineData(Pollutant.Pm10, 45.1, EaqiBand.Moderate)]
    [InlineData(Pollutant.Pm10, 120.1, EaqiBand.Poor)]
    [InlineData(Pollutant.Pm10, 195.1, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.Pm10, 270.0, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.Pm10, 270.1, EaqiBand.ExtremelyPoor)]
    [InlineData(Pollutant.No2, 10.0, EaqiBand.Good)]
    [InlineData(Pollutant.No2, 10.1, EaqiBand.Fair)]
    [InlineData(Pollutant.No2, 25.1, EaqiBand.Moderate)]
    [InlineData(Pollutant.No2, 60.1, EaqiBand.Poor)]
    [InlineData(Pollutant.No2, 100.1, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.No2, 150.1, EaqiBand.ExtremelyPoor)]
    [InlineData(Pollutant.O3, 60.0, EaqiBand.Good)]
    [InlineData(Pollutant.O3, 60.1, EaqiBand.Fair)]
    [InlineData(Pollutant.O3, 100.1, EaqiBand.Moderate)]
    [InlineData(Pollutant.O3, 120.1, EaqiBand.Poor)]
    [InlineData(Pollutant.O3, 160.1, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.O3, 180.1, EaqiBand.ExtremelyPoor)]
    [InlineData(Pollutant.So2, 20.0, EaqiBand.Good)]
    [InlineData(Pollutant.So2, 20.1, EaqiBand.Fair)]
    [InlineData(Pollutant.So2, 40.1, EaqiBand.Moderate)]
    [InlineData(Pollutant.So2, 125.1, EaqiBand.Poor)]
    [InlineData(Pollutant.So2, 190.1, EaqiBand.VeryPoor)]
    [InlineData(Pollutant.So2, 275.1, EaqiBand.ExtremelyPoor)]
    public void Revised_2024_bands_at_their_edges(Pollutant pollutant, double concentration, EaqiBand expected)
    {
        Assert.Equal(expected, EuropeanAqi.Band(pollutant, concentration));
    }

    [Theory]
    [InlineData(Pollutant.Pm25, 10.0, EaqiBand.Good)]
    [InlineData(Pollutant.Pm25, 10.1, EaqiBand.Fair)]
    [InlineData(Pollutant.Pm25, 25.0, EaqiBand.Moderate)]
    [InlineData(Pollutant.Pm25, 75.1, EaqiBand.ExtremelyPoor)]
    [InlineData(Pollutant.Pm10, 50.0, EaqiBand.Moderate)]
    [InlineData(Pollutant.Pm10, 50.1, EaqiBand.Poor)]
    [InlineData(Pollutant.No2, 40.0, EaqiBand.Good)]
    [InlineData(Pollutant.No2, 340.1, EaqiBand.ExtremelyPoor)]
    [InlineData(Pollutant.O3, 130.1, EaqiBand.Poor)]
    [InlineData(Pollutant.So2, 750.0, EaqiBand.VeryPoor)]
    public void Original_2017_bands_at_their_edges(Pollutant pollutant, double concentration, EaqiBand expected)
    {
        Assert.Equal(expected, EuropeanAqi.Band(pollutant, concentration, EaqiVersion.Original2017));
    }

    [Fact]
    public void The_same_air_is_judged_worse_by_the_2024_bands()
    {
        // 20 µg/m³ PM2.5 was "Fair" (10–20) before the revision and is "Moderate" (15–50) now.
        Assert.Equal(EaqiBand.Fair, EuropeanAqi.Band(Pollutant.Pm25, 20, EaqiVersion.Original2017));
        Assert.Equal(EaqiBand.Moderate, EuropeanAqi.Band(Pollutant.Pm25, 20));
    }

    [Fact]
    public void Overall_index_is_the_worst_pollutant()
    {
        EaqiBand[] bands =
        [
            EuropeanAqi.Band(Pollutant.Pm25, 4),   // Good
            EuropeanAqi.Band(Pollutant.No2, 70),   // Poor
            EuropeanAqi.Band(Pollutant.O3, 90),    // Fair
        ];

        Assert.True(EuropeanAqi.TryOverall(bands, out var overall));
        Assert.Equal(EaqiBand.Poor, overall);
        Assert.False(EuropeanAqi.TryOverall([], out _));
    }

    [Theory]
    [InlineData(EaqiBand.Good, "Good", "#50F0E6")]
    [InlineData(EaqiBand.Fair, "Fair", "#50CCAA")]
    [InlineData(EaqiBand.Moderate, "Moderate", "#F0E641")]
    [InlineData(EaqiBand.Poor, "Poor", "#FF5050")]
    [InlineData(EaqiBand.VeryPoor, "Very poor", "#960032")]
    [InlineData(EaqiBand.ExtremelyPoor, "Extremely poor", "#7D2181")]
    public void Bands_have_the_eea_names_and_colours(EaqiBand band, string name, string hex)
    {
        Assert.Equal(name, band.DisplayName());
        Assert.Equal(hex, band.HexColor());
    }

    [Fact]
    public void Co_is_not_part_of_the_index_and_negative_values_have_no_band()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EuropeanAqi.Band(Pollutant.Co, 1));
        Assert.False(EuropeanAqi.TryBand(Pollutant.Pm25, -1, out _));
        Assert.False(EuropeanAqi.TryBand(Pollutant.Pm25, double.NaN, out _));
    }
}
