using SmartCity.AirQuality.Readers;
using Xunit;

namespace SmartCity.AirQuality.Tests;

public sealed class ReaderTests
{
    private const string ArchiveHeader = "sensor_id;sensor_type;location;lat;lon;timestamp;P1;durP1;ratioP1;P2;durP2;ratioP2";

    [Fact]
    public void Archive_reader_keeps_going_past_bad_lines_and_names_them()
    {
        string csv = string.Join('\n',
            ArchiveHeader,
            "5331;SDS011;3121;57.138;-2.077;2018-11-05T00:01:29;36.80;;;8.63;;",
            "5331;SDS011;3121;57.138;-2.077;not-a-time;36.80;;;8.63;;",
            "5331;SDS011;3121;57.138;-2.077;2018-11-05T00:06:26;43.13;;;9.50",
            "",
            "5331;SDS011;3121;57.138;-2.077;2018-11-05T00:08:55;abc;;;9.10;;",
            "5331;SDS011;3121;57.138;-2.077;2018-11-05T00:11:24;40.00;;;;;");

        var result = SensorCommunityArchiveReader.Parse(new StringReader(csv), "test.csv");

        Assert.Equal(5, result.DataLines);
        Assert.Equal([3, 4, 6], result.BadLines.Select(b => b.LineNumber));
        Assert.Contains("timestamp", result.BadLines[0].Message, StringComparison.Ordinal);
        Assert.Contains("12 fields", result.BadLines[1].Message, StringComparison.Ordinal);
        Assert.Contains("P1 'abc'", result.BadLines[2].Message, StringComparison.Ordinal);
        // Line 2 gives PM10 and PM2.5, line 6 still gives its PM2.5, line 7 its PM10 (PM2.5 empty, not an error).
        Assert.Equal(4, result.Samples.Count);
        var first = result.Samples[0];
        Assert.Equal((Quantity.Pm10, 36.80, "SDS011-5331"), (first.Quantity, first.Value, first.Source));
        Assert.Equal(new DateTimeOffset(2018, 11, 5, 0, 1, 29, TimeSpan.Zero), first.Time);
        Assert.Equal(Quantity.Pm25, result.Samples[1].Quantity);
    }

    [Fact]
    public void Archive_pressure_in_pascal_becomes_hectopascal()
    {
        string csv = "sensor_id;sensor_type;location;lat;lon;timestamp;pressure;altitude;pressure_sealevel;temperature;humidity\n"
            + "1;BME280;2;50.0;8.0;2020-01-01T00:00:00;101325.00;;;4.5;80.1\n";

        var result = SensorCommunityArchiveReader.Parse(new StringReader(csv), "bme.csv");

        Assert.Equal([Quantity.Pressure, Quantity.Temperature, Quantity.RelativeHumidity], result.Samples.Select(s => s.Quantity));
        Assert.Equal(1013.25, result.Samples[0].Value, 9);
    }

    [Fact]
    public void Unknown_header_is_refused_with_the_file_name()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SensorCommunityArchiveReader.Parse(new StringReader("a;b;c\n1;2;3"), "odd.csv"));
        Assert.Contains("odd.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Airrohr_reader_maps_sensors_and_ignores_ppd42_counts()
    {
        string csv = "Time;durP1;ratioP1;P1;durP2;ratioP2;P2;SDS_P1;SDS_P2;PMS_P1;PMS_P2;Temp;Humidity;BMP_temperature;BMP_pressure;BME280_temperature;BME280_humidity;BME280_pressure;Samples;Min_cycle;Max_cycle;Signal;HPM_P1;HPM_P2\n"
            + "2018/11/05 00:00:34;1;2;350;4;5;120;28.03;7.07;;;12.30;99.90;;;;;100512;625147;226;26720;-89\n"
            + "2018/11/05 25:00:00;;;;;;;28.03;7.07;;;12.30;99.90;;;;;;;;;;\n";

        var result = AirrohrCsvReader.Parse(new StringReader(csv), "/data/data-esp8266-3654427-2018-11-05.csv");

        Assert.Equal(2, result.DataLines);
        Assert.Equal(3, Assert.Single(result.BadLines).LineNumber);
        Assert.Equal(
            [(Quantity.Pm10, "airrohr-3654427/SDS011"), (Quantity.Pm25, "airrohr-3654427/SDS011"), (Quantity.Temperature, "airrohr-3654427/DHT22"), (Quantity.RelativeHumidity, "airrohr-3654427/DHT22"), (Quantity.Pressure, "airrohr-3654427/BME280")],
            result.Samples.Select(s => (s.Quantity, s.Source)));
        Assert.Equal(1005.12, result.Samples[^1].Value, 9);
    }

    [RealDataFact]
    public void Real_archive_files_read_without_bad_lines()
    {
        var pm = AirCsvReader.Read(TestPaths.Real("2018-11-05_sds011_sensor_5331.csv"));
        var dht = AirCsvReader.Read(TestPaths.Real("2017-10-10_dht22_sensor_5332.csv"));

        Assert.Equal(AirCsvFormat.SensorCommunityArchive, pm.Format);
        Assert.Empty(pm.BadLines);
        Assert.Equal(File.ReadLines(pm.Path).Count() - 1, pm.DataLines);
        Assert.Equal(2 * pm.DataLines, pm.Samples.Count);
        var firstPm25 = pm.Samples.First(s => s.Quantity == Quantity.Pm25);
        Assert.Equal((8.63, "SDS011-5331"), (firstPm25.Value, firstPm25.Source));
        Assert.Empty(dht.BadLines);
        Assert.Equal(86.90, dht.Samples.First(s => s.Quantity == Quantity.RelativeHumidity).Value);
    }

    [RealDataFact]
    public void Real_airrohr_file_reads_sds011_and_dht22()
    {
        var result = AirCsvReader.Read(TestPaths.Real("data-esp8266-3654427-2018-11-05.csv"));

        Assert.Equal(AirCsvFormat.AirrohrFirmware, result.Format);
        Assert.Empty(result.BadLines);
        var sources = result.Samples.Select(s => (s.Source, s.Quantity)).Distinct().ToList();
        Assert.Contains(("airrohr-3654427/SDS011", Quantity.Pm25), sources);
        Assert.Contains(("airrohr-3654427/DHT22", Quantity.RelativeHumidity), sources);
        Assert.Equal(7.07, result.Samples.First(s => s.Quantity == Quantity.Pm25).Value);
    }
}
