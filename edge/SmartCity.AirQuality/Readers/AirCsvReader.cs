namespace SmartCity.AirQuality.Readers;

/// <summary>Reads any supported air-quality CSV, choosing the reader from the file's header.</summary>
public static class AirCsvReader
{
    /// <summary>Reads <paramref name="path"/> with the reader its header calls for.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not one the readers understand.</exception>
    public static AirCsvReadResult Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        string? header;
        using (var peek = new StreamReader(path))
        {
            header = peek.ReadLine();
        }

        if (header is null)
        {
            throw new InvalidDataException($"{path}: the file is empty.");
        }

        if (header.StartsWith(SensorCommunityArchiveReader.HeaderStart, StringComparison.OrdinalIgnoreCase))
        {
            return SensorCommunityArchiveReader.Read(path);
        }

        if (header.StartsWith(AirrohrCsvReader.HeaderStart, StringComparison.Ordinal))
        {
            return AirrohrCsvReader.Read(path);
        }

        throw new InvalidDataException(
            $"{path}: unknown CSV header '{(header.Length > 60 ? header[..60] + "…" : header)}'; expected a sensor.community archive ('{SensorCommunityArchiveReader.HeaderStart}…') or airrohr firmware ('Time;durP1;…') file.");
    }
}
