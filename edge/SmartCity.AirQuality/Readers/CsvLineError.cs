namespace SmartCity.AirQuality.Readers;

/// <summary>A line (or one field of it) that could not be read.</summary>
/// <param name="LineNumber">1-based line number in the file (the header is line 1).</param>
/// <param name="Message">What was wrong, naming the field.</param>
public readonly record struct CsvLineError(int LineNumber, string Message);
