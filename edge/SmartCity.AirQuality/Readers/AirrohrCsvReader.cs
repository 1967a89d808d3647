using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartCity.AirQuality.Readers;

/// <summary>
/// Reads the airrohr firmware's CSV (<c>data-esp8266-&lt;chip id&gt;-&lt;yyyy-mm-dd&gt;.csv</c>). Columns by name:
/// SDS_P1/SDS_P2 (SDS011 PM10/PM2.5), PMS_P0/PMS_P1/PMS_P2 (Plantower PM1/PM10/PM2.5), HPM_P1/HPM_P2
/// (Honeywell), Temp/Humidity (DHT22), BMP_temperature/BMP_pressure, BME280_temperature/_humidity/_pressure
/// (pressure in Pa, converted to hPa). The PPD42NS columns P1/P2 are particle counts, not µg/m³, and the
/// firmware's diagnostics (Samples, Min_cycle, Max_cycle, Signal) are not air quality: both are ignored.
/// Time is "yyyy/MM/dd HH:mm:ss" from the node's NTP clock, which the firmware keeps in UTC.
/// </summary>
public static partial class AirrohrCsvReader
{
    /// <summary>The first header field.</summary>
    public const string HeaderStart = "Time;";

    private static readonly string[] TimeFormats = ["yyyy/MM/dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Reads the file at <paramref name="path"/>; the node id in the file name names the sources.</summary>
    /// <exception cref="InvalidDataException">The header is not an airrohr header.</exception>
    public static AirCsvReadResult Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads airrohr CSV from <paramref name="reader"/>; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The header is not an airrohr header.</exception>
    public static AirCsvReadResult Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{name}: the file is empty.");
        if (!header.StartsWith(HeaderStart, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: line 1 is not an airrohr firmware header (expected it to start with '{HeaderStart}').");
        }

        string node = NodeName(name);
        var columns = header.Split(';');
        var map = new List<(int Index, Quantity Quantity, double Scale, string Source)>();
        for (int i = 1; i < columns.Length; i++)
        {
            if (TryMapColumn(columns[i].Trim(), out var quantity, out var scale, out var sensor))
            {
                map.Add((i, quantity, scale, $"{node}/{sensor}"));
            }
        }

        var samples = new List<AirSample>();
        var bad = new List<CsvLineError>();
        int lineNumber = 1, dataLines = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            dataLines++;
            var fields = line.Split(';');
            // Firmware versions differ in trailing columns; fewer fields than the header is fine as long as the
            // mapped ones exist, more means the line is not from this file's firmware.
            if (fields.Length > columns.Length)
            {
                bad.Add(new CsvLineError(lineNumber, $"expected at most {columns.Length} fields, found {fields.Length}"));
                continue;
            }

            if (!DateTime.TryParseExact(fields[0].Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            {
                bad.Add(new CsvLineError(lineNumber, $"Time '{fields[0]}' is not yyyy/MM/dd HH:mm:ss"));
                continue;
            }

            var time = new DateTimeOffset(utc, TimeSpan.Zero);
            foreach (var (index, quantity, scale, source) in map)
            {
                if (index >= fields.Length || fields[index].Length == 0)
                {
                    continue;
                }

                string text = fields[index];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    bad.Add(new CsvLineError(lineNumber, $"{columns[index]} '{text}' is not a number"));
                    continue;
                }

                samples.Add(new AirSample(time, quantity, value * scale, source));
            }
        }

        return new AirCsvReadResult(name, AirCsvFormat.AirrohrFirmware, samples, bad, dataLines);
    }

    private static string NodeName(string name)
    {
        var match = ChipIdPattern().Match(Path.GetFileName(name));
        return match.Success ? $"airrohr-{match.Groups[1].Value}" : "airrohr";
    }

    private static bool TryMapColumn(string column, out Quantity quantity, out double scale, out string sensor)
    {
        scale = 1;
        (quantity, sensor) = column switch
        {
            "SDS_P1" => (Quantity.Pm10, "SDS011"),
            "SDS_P2" => (Quantity.Pm25, "SDS011"),
            "PMS_P0" => (Quantity.Pm1, "PMS"),
            "PMS_P1" => (Quantity.Pm10, "PMS"),
            "PMS_P2" => (Quantity.Pm25, "PMS"),
            "HPM_P1" => (Quantity.Pm10, "HPM"),
            "HPM_P2" => (Quantity.Pm25, "HPM"),
            "Temp" => (Quantity.Temperature, "DHT22"),
            "Humidity" => (Quantity.RelativeHumidity, "DHT22"),
            "BMP_temperature" => (Quantity.Temperature, "BMP"),
            "BMP_pressure" => (Quantity.Pressure, "BMP"),
            "BME280_temperature" => (Quantity.Temperature, "BME280"),
            "BME280_humidity" => (Quantity.RelativeHumidity, "BME280"),
            "BME280_pressure" => (Quantity.Pressure, "BME280"),
            _ => ((Quantity)(-1), ""),
        };

        if (sensor.Length == 0)
        {
            return false;
        }

        if (quantity == Quantity.Pressure)
        {
            scale = 0.01; // Pa → hPa
        }

        return true;
    }

    [GeneratedRegex(@"data-esp8266-(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ChipIdPattern();
}
