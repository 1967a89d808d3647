namespace SmartCity.Cloud.Storage.Influx;

/// <summary>
/// InfluxDB did not take a batch. <see cref="IsTransient"/> tells a server that is down, overloaded or timing out (the
/// ingest retries with backoff and acknowledges nothing meanwhile) from a refusal that repeats on every retry: a 4xx
/// such as a field type conflict, a bad token or a missing database, whose message is InfluxDB's own and names the
/// line or field.
/// </summary>
public sealed class InfluxWriteException : StoreWriteException
{
    /// <summary>Creates the exception.</summary>
    public InfluxWriteException(string message, InfluxWriteApi writeApi, int statusCode, bool isTransient, Exception? innerException = null)
        : base(message, isTransient, innerException)
    {
        WriteApi = writeApi;
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception (serializer and analyzer convention); prefer the full constructor.</summary>
    public InfluxWriteException()
        : this("InfluxDB did not take the batch.", InfluxWriteApi.V1, 0, isTransient: true)
    {
    }

    /// <summary>Creates the exception (analyzer convention); prefer the full constructor.</summary>
    public InfluxWriteException(string message)
        : this(message, InfluxWriteApi.V1, 0, isTransient: true)
    {
    }

    /// <summary>Creates the exception (analyzer convention); prefer the full constructor.</summary>
    public InfluxWriteException(string message, Exception innerException)
        : this(message, InfluxWriteApi.V1, 0, isTransient: true, innerException)
    {
    }

    /// <summary>The endpoint the write went to.</summary>
    public InfluxWriteApi WriteApi { get; }

    /// <summary>The HTTP status InfluxDB answered, or 0 when no answer came (connection refused, timeout).</summary>
    public int StatusCode { get; }

    /// <summary>Whether a write answered with <paramref name="statusCode"/> (0: no answer) may succeed when retried.</summary>
    public static bool IsTransientStatus(int statusCode) => statusCode is 0 or 408 or 429 or >= 500;
}
