namespace SmartCity.Cloud.Storage.Influx;

/// <summary>Sends one batch of line protocol (millisecond timestamps) to InfluxDB and returns once the server holds it.</summary>
internal interface IInfluxPointWriter : IDisposable
{
    /// <summary>
    /// Writes <paramref name="lineProtocol"/> as one request. Completes only after InfluxDB answered success (its WAL
    /// holds the points); throws <see cref="InfluxWriteException"/> otherwise, or <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task WriteAsync(string lineProtocol, CancellationToken cancellationToken);
}
