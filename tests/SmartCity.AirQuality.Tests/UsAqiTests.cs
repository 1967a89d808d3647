using SmartCity.AirQuality.Indices;
using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// US AQI against US EPA, "Technical Assistance Document for the Reporting of Daily Air Quality – the Air
/// Quality Index (AQI)", EPA-454/B-24-002, May 2024: Table 6 "Breakpoints for the AQI" (every row edge
/// below is read off that table), section IV's truncation rule (O3 0.001 ppm, PM2.5 0.1 µg/m³, PM10 1 µg/m³,
/// CO 0.1 ppm, SO2 and NO2 1 ppb) and the worked examples of the TAD (EPA-454/B-18-007, Sept 2018, "Using
/// the table and the equation"), whose O3, PM2.5 (35.5–55.4) and CO rows the 2024 revision left unchanged.
/// </summary>
public sealed class UsAqiTests
{
    [Theory]
    // PM2.5, µg/m³, 24-hour — the 2024 revision: Good ends at 9.0.
    [InlineData(AqiPollutant.Pm25, 0.0, 0)]
    [InlineData(AqiPollutant.Pm25, 9.0, 50)]
    [InlineData(AqiPollutant.Pm25, 9.1, 51)]
    [InlineData(AqiPollutant.Pm25, 35.4, 100)]
    [InlineData(AqiPollutant.Pm25, 35.5, 101)]
    [InlineData(AqiPollutant.Pm25, 55.4, 150)]
    [InlineData(AqiPollutant.Pm25, 55.5, 151)]
    [InlineData(AqiPollutant.Pm25, 125.4, 200)]
    [InlineData(AqiPollutant.Pm25, 125.5, 201)]
    [InlineData(AqiPollutant.Pm25, 225.4, 300)]
    [InlineData(AqiPollutant.Pm25, 225.5, 301)]
    [InlineData(AqiPollutant.Pm25, 325.4, 500)]
    // PM10, µg/m³, 24-hour.
    [InlineData(AqiPollutant.Pm10, 54, 50)]
    [InlineData(AqiPollutant.Pm10, 55, 51)]
    [InlineData(AqiPollutant.Pm10, 154, 100)]
    [InlineData(AqiPollutant.Pm10, 155, 101)]
    [InlineData(AqiPollutant.Pm10, 254, 150)]
    [InlineData(AqiPollutant.Pm10, 255, 151)]
    [InlineData(AqiPollutant.Pm10, 354, 200)]
    [InlineData(AqiPollutant.Pm10, 355, 201)]
    [InlineData(AqiPollutant.Pm10, 424, 300)]
    [InlineData(AqiPollutant.Pm10, 425, 301)]
    [InlineData(AqiPollutant.Pm10, 604, 500)]
    // O3, ppm, 8-hour.
    [InlineData(AqiPollutant.O3EightHour, 0.054, 50)]
    [InlineData(AqiPollutant.O3EightHour, 0.055, 51)]
    [InlineData(AqiPollutant.O3EightHour, 0.070, 100)]
    [InlineData(AqiPollutant.O3EightHour, 0.071, 101)]
    [InlineData(AqiPollutant.O3EightHour, 0.085, 150)]
    [InlineData(AqiPollutant.O3EightHour, 0.086, 151)]
    [InlineData(AqiPollutant.O3EightHour, 0.105, 200)]
    [InlineData(AqiPollutant.O3EightHour, 0.106, 201)]
    [InlineData(AqiPollutant.O3EightHour, 0.200, 300)]
    // O3, ppm, 1-hour.
    [InlineData(AqiPollutant.O3OneHour, 0.125, 101)]
    [InlineData(AqiPollutant.O3OneHour, 0.164, 150)]
    [InlineData(AqiPollutant.O3OneHour, 0.165, 151)]
    [InlineData(AqiPollutant.O3OneHour, 0.204, 200)]
    [InlineData(AqiPollutant.O3OneHour, 0.205, 201)]
    [InlineData(AqiPollutant.O3OneHour, 0.404, 300)]
    [InlineData(AqiPollutant.O3OneHour, 0.405, 301)]
    [InlineData(AqiPollutant.O3OneHour, 0.604, 500)]
    // CO, ppm, 8-hour.
    [InlineData(AqiPollutant.Co, 4.4, 50)]
    [InlineData(AqiPollutant.Co, 4.5, 51)]
    [InlineData(AqiPollutant.Co, 9.4, 100)]
    [InlineData(AqiPollutant.Co, 9.5, 101)]
    [InlineData(AqiPollutant.Co, 12.4, 150)]
    [InlineData(AqiPollutant.Co, 12.5, 151)]
    [InlineData(AqiPollutant.Co, 15.4, 200)]
    [InlineData(AqiPollutant.Co, 15.5, 201)]
    [InlineData(AqiPollutant.Co, 30.4, 300)]
    [InlineData(AqiPollutant.Co, 30.5, 301)]
    [InlineData(AqiPollutant.Co, 50.4, 500)]
    // SO2, ppb, 1-hour up to AQI 200, 24-hour above.
    [InlineData(AqiPollutant.So2OneHour, 35, 50)]
    [InlineData(AqiPollutant.So2OneHour, 36, 51)]
    [InlineData(AqiPollutant.So2OneHour, 75, 100)]
    [InlineData(AqiPollutant.So2OneHour, 76, 101)]
    [InlineData(AqiPollutant.So2OneHour, 185, 150)]
    [InlineData(AqiPollutant.So2OneHour, 186, 151)]
    [InlineData(AqiPollutant.So2OneHour, 304, 200)]
    [InlineData(AqiPollutant.So2TwentyFourHour, 305, 201)]
    [InlineData(AqiPollutant.So2TwentyFourHour, 604, 300)]
    [InlineData(AqiPollutant.So2TwentyFourHour, 605, 301)]
    [InlineData(AqiPollutant.So2TwentyFourHour, 1004, 500)]
    // NO2, ppb, 1-hour.
    [InlineData(AqiPollutant.No2, 53, 50)]
    [InlineData(AqiPollutant.No2, 54, 51)]
    [InlineData(AqiPollutant.No2, 100, 100)]
    [InlineData(AqiPollutant.No2, 101, 101)]
    [InlineData(AqiPollutant.No2, 360, 150)]
    [InlineData(AqiPollutant.No2, 361, 151)]
    [InlineData(AqiPollutant.No2, 649, 200)]
    [InlineData(AqiPollutant.No2, 650, 201)]
    [InlineData(AqiPollutant.No2, 1249, 300)]
    [InlineData(AqiPollutant.No2, 1250, 301)]
    [InlineData(AqiPollutant.No2, 2049, 500)]
    public void Breakpoint_edges_of_table_6_map_to_their_index(AqiPollutant pollutant, double concentration, int expected)
    {
        var result = UsAqi.Calculate(pollutant, concentration);

        Assert.Equal(expected, result.Index);
        Assert.False(result.IsBeyondIndex);
    }

    [Theory]
    // Truncate, never round: 9.04 and 9.09 are 9.0 (Good, 50); 9.1 is the first Moderate value.
    [InlineData(AqiPollutant.Pm25, 9.04, 9.0, 50)]
    [InlineData(AqiPollutant.Pm25, 9.09, 9.0, 50)]
    [InlineData(AqiPollutant.Pm25, 9.1, 9.1, 51)]
    [InlineData(AqiPollutant.Pm25, 35.49, 35.4, 100)]
    [InlineData(AqiPollutant.Pm25, 55.45, 55.4, 150)]
    [InlineData(AqiPollutant.Pm10, 54.9, 54, 50)]
    [InlineData(AqiPollutant.Pm10, 154.99, 154, 100)]
    [InlineData(AqiPollutant.O3EightHour, 0.0549, 0.054, 50)]
    [InlineData(AqiPollutant.O3EightHour, 0.0709999, 0.070, 100)]
    // 0.029 is stored as 0.028999…; a naive floor(c·1000) would give 0.028 (AQI 26), the TAD's truncation 0.029 (AQI 27).
    [InlineData(AqiPollutant.O3EightHour, 0.029, 0.029, 27)]
    [InlineData(AqiPollutant.Co, 4.49, 4.4, 50)]
    [InlineData(AqiPollutant.So2OneHour, 35.9, 35, 50)]
    [InlineData(AqiPollutant.No2, 53.99, 53, 50)]
    public void Concentrations_are_truncated_before_the_table(AqiPollutant pollutant, double concentration, double truncated, int expected)
    {
        var result = UsAqi.Calculate(pollutant, concentration);

        Assert.Equal(truncated, result.TruncatedConcentration, 12);
        Assert.Equal(expected, result.Index);
    }

    [Fact]
    public void Tad_example_8_hour_ozone_0_07853333_ppm_is_aqi_126()
    {
        // TAD: "an 8-hour ozone value of 0.07853333 ppm … truncate to 0.078 … 0.071–0.085 → 101–150":
        // (150 − 101)/(0.085 − 0.071) · (0.078 − 0.071) + 101 = 125.5, rounded to 126 (so rounding is half away from zero).
        var result = UsAqi.Calculate(AqiPollutant.O3EightHour, 0.07853333);

        Assert.Equal(0.078, result.TruncatedConcentration, 12);
        Assert.Equal(126, result.Index);
        Assert.Equal(AqiCategory.UnhealthyForSensitiveGroups, result.Category);
    }

    [Fact]
    public void Tad_multi_pollutant_example_reports_the_highest_sub_index()
    {
        // TAD: 8-hour O3 0.078 ppm → 126, PM2.5 35.9 µg/m³ → 102, CO 8.4 ppm → 90; the AQI is 126, ozone responsible.
        AqiResult[] subIndices =
        [
            UsAqi.Calculate(AqiPollutant.O3EightHour, 0.078),
            UsAqi.Calculate(AqiPollutant.Pm25, 35.9),
            UsAqi.Calculate(AqiPollutant.Co, 8.4),
        ];

        Assert.Equal([126, 102, 90], subIndices.Select(s => s.Index));
        Assert.True(UsAqi.TryOverall(subIndices, out var overall));
        Assert.Equal(126, overall.Index);
        Assert.Equal(AqiPollutant.O3EightHour, overall.Pollutant);
    }

    [Fact]
    public void The_old_good_ceiling_of_12_0_is_moderate_56_since_2024()
    {
        // (100 − 51)/(35.4 − 9.1) · (12.0 − 9.1) + 51 = 56.40 → 56 (it was 50 with the 2012 table).
        var result = UsAqi.Calculate(AqiPollutant.Pm25, 12.0);

        Assert.Equal(56, result.Index);
        Assert.Equal(AqiCategory.Moderate, result.Category);
    }

    [Fact]
    public void Above_the_top_breakpoint_the_top_row_is_extended_and_marked_beyond_the_index()
    {
        // (500 − 301)/(325.4 − 225.5) · (400 − 225.5) + 301 = 648.6 → 649, "Beyond the AQI", Hazardous.
        var result = UsAqi.Calculate(AqiPollutant.Pm25, 400);

        Assert.True(result.IsBeyondIndex);
        Assert.Equal(649, result.Index);
        Assert.Equal(AqiCategory.Hazardous, result.Category);
        Assert.True(UsAqi.Calculate(AqiPollutant.Pm25, 325.5).IsBeyondIndex);
    }

    [Theory]
    [InlineData(AqiPollutant.O3EightHour, 0.201)]   // above 0.200 the AQI comes from 1-hour ozone
    [InlineData(AqiPollutant.O3OneHour, 0.124)]     // 1-hour ozone starts at 0.125 (AQI 101)
    [InlineData(AqiPollutant.So2OneHour, 305)]      // above 304 ppb the AQI comes from 24-hour SO2
    [InlineData(AqiPollutant.So2TwentyFourHour, 304)]
    [InlineData(AqiPollutant.Pm25, -0.1)]
    [InlineData(AqiPollutant.Pm25, double.NaN)]
    public void Concentrations_a_table_does_not_define_are_refused_with_a_reason(AqiPollutant pollutant, double concentration)
    {
        Assert.False(UsAqi.TryCalculate(pollutant, concentration, out _, out var why));
        Assert.False(string.IsNullOrWhiteSpace(why));
        Assert.Throws<ArgumentOutOfRangeException>(() => UsAqi.Calculate(pollutant, concentration));
    }

    [Theory]
    // TAD 2024 Table 1 names, Table 2 colours (RGB 0,228,0 · 255,255,0 · 255,126,0 · 255,0,0 · 143,63,151 · 126,0,35).
    [InlineData(0, "Good", "#00E400")]
    [InlineData(50, "Good", "#00E400")]
    [InlineData(51, "Moderate", "#FFFF00")]
    [InlineData(101, "Unhealthy for Sensitive Groups", "#FF7E00")]
    [InlineData(151, "Unhealthy", "#FF0000")]
    [InlineData(201, "Very Unhealthy", "#8F3F97")]
    [InlineData(301, "Hazardous", "#7E0023")]
    [InlineData(649, "Hazardous", "#7E0023")]
    public void Categories_have_the_epa_names_and_colours(int index, string name, string hex)
    {
        var category = AqiCategories.FromIndex(index);

        Assert.Equal(name, category.DisplayName());
        Assert.Equal(hex, category.HexColor());
    }
}
