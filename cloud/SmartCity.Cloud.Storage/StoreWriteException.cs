namespace SmartCity.Cloud.Storage;

/// <summary>
/// A store did not take a batch, and says whether the same batch can succeed later. <see cref="IsTransient"/> true: the
/// store is down, overloaded or timing out; the ingest retries with backoff and acknowledges nothing meanwhile. False:
/// the store refuses the data itself (a field type conflict, a value it cannot hold) and would refuse it on every retry;
/// the ingest then finds the refused messages, dead-letters them with the store's reason and stores the rest. Any other
/// exception from <see cref="ITimeSeriesStore.WriteBatchAsync"/> is treated as transient.
/// </summary>
public class StoreWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreWriteException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    /// <summary>Creates a transient store error (analyzer convention); prefer the full constructor.</summary>
    public StoreWriteException()
        : this("The store did not take the batch.", isTransient: true)
    {
    }

    /// <summary>Creates a transient store error (analyzer convention); prefer the full constructor.</summary>
    public StoreWriteException(string message)
        : this(message, isTransient: true)
    {
    }

    /// <summary>Creates a transient store error (analyzer convention); prefer the full constructor.</summary>
    public StoreWriteException(string message, Exception innerException)
        : this(message, isTransient: true, innerException)
    {
    }

    /// <summary>True when the same write may succeed later; false when the store refuses the data itself.</summary>
    public bool IsTransient { get; }
}
