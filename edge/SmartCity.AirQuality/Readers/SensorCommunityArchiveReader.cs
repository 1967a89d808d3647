using System.Globalization;

namespace SmartCity.AirQuality.Readers;

/// <summary>
/// Reads sensor.community archive CSV (one sensor, one day per file). Columns are found by name, so SDS011,
/// PMS, DHT22, BME280 and BMP280 files all work; columns that carry no mass concentration or meteorological
/// value (durP1, ratioP1, altitude, …) are ignored. Timestamps are UTC, as the archive publishes them.
/// </summary>
public static class SensorCommunityArchiveReader
{
    /// <summary>The first header fields of every archive file.</summary>
    public const string HeaderStart = "sensor_id;sensor_type;location;lat;lon;timestamp";

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The header is not an archive header.</exception>
    public static AirCsvReadResult Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads archive CSV from <paramref name="reader"/>; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The header is not an archive header.</exception>
    public static AirCsvReadResult Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{name}: the file is empty.");
        if (!header.StartsWith(HeaderStart, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{name}: line 1 is not a sensor.community archive header (expected it to start with '{HeaderStart}').");
        }

        var columns = header.Split(';');
        var map = new (int Index, Quantity Quantity, double Scale)[columns.Length];
        int mapped = 0;
        for (int i = 6; i < columns.Length; i++)
        {
            if (TryMapColumn(columns[i].Trim(), out var quantity, out var scale))
            {
                map[mapped++] = (i, quantity, scale);
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
            if (fields.Length != columns.Length)
            {
                bad.Add(new CsvLineError(lineNumber, $"expected {columns.Length} fields, found {fields.Length}"));
                continue;
            }

            if (!DateTimeOffset.TryParse(fields[5], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                bad.Add(new CsvLineError(lineNumber, $"timestamp '{fields[5]}' is not a date and time"));
                continue;
            }

            string source = $"{fields[1]}-{fields[0]}";
            for (int m = 0; m < mapped; m++)
            {
                var (index, quantity, scale) = map[m];
                string text = fields[index];
                if (text.Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    bad.Add(new CsvLineError(lineNumber, $"{columns[index]} '{text}' is not a number"));
                    continue;
                }

                samples.Add(new AirSample(time, quantity, value * scale, source));
            }
        }

        return new AirCsvReadResult(name, AirCsvFormat.SensorCommunityArchive, samples, bad, dataLines);
    }

    private static bool TryMapColumn(string column, out Quantity quantity, out double scale)
    {
        scale = 1;
        switch (column.ToUpperInvariant())
        {
            case "P0": quantity = Quantity.Pm1; return true;
            case "P1": quantity = Quantity.Pm10; return true;
            case "P2": quantity = Quantity.Pm25; return true;
            case "TEMPERATURE": quantity = Quantity.Temperature; return true;
            case "HUMIDITY": quantity = Quantity.RelativeHumidity; return true;
            case "PRESSURE":
                // The archive gives pressure in Pa; the library works in hPa.
                quantity = Quantity.Pressure;
                scale = 0.01;
                return true;
            default:
                quantity = default;
                return false;
        }
    }
}
