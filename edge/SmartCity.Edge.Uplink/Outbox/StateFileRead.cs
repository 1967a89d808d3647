namespace SmartCity.Edge.Uplink.Outbox;

/// <summary>Outcome of reading a checkpoint or seq file.</summary>
internal enum StateFileRead
{
    /// <summary>The file held a value with a matching CRC.</summary>
    Ok,

    /// <summary>No file: a fresh outbox.</summary>
    Missing,

    /// <summary>Wrong length or CRC mismatch.</summary>
    Corrupt,
}
