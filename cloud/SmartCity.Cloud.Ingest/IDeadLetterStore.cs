namespace SmartCity.Cloud.Ingest;

/// <summary>Where refused messages are kept, counted and can be inspected. Thread-safe.</summary>
public interface IDeadLetterStore
{
    /// <summary>Dead letters kept (since the store was created, including those found on disk at open).</summary>
    long Count { get; }

    /// <summary>Keeps <paramref name="letters"/>; returns once they are durable, so the caller may acknowledge the
    /// MQTT messages afterwards. Throws when they cannot be kept (the caller retries; nothing is acknowledged).</summary>
    Task AddAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default);

    /// <summary>The most recent dead letters, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken = default);
}
