namespace SmartCity.AirQuality.Readers;

/// <summary>What a reader got out of one file.</summary>
/// <param name="Path">The file (or the name given for a stream).</param>
/// <param name="Format">The dialect detected from the header.</param>
/// <param name="Samples">Every value read, in file order.</param>
/// <param name="BadLines">Lines or fields that could not be read, with line numbers; reading went on past them.</param>
/// <param name="DataLines">Data lines seen (excluding the header and blank lines).</param>
public sealed record AirCsvReadResult(string Path, AirCsvFormat Format, IReadOnlyList<AirSample> Samples, IReadOnlyList<CsvLineError> BadLines, int DataLines);
