namespace SmartCity.Cloud.Ingest;

/// <summary>A hole in a device's seq: seqs <see cref="From"/>..<see cref="To"/> (inclusive) not stored yet, while a
/// higher seq is.</summary>
/// <param name="Device">Device id.</param>
/// <param name="From">First missing seq.</param>
/// <param name="To">Last missing seq.</param>
/// <param name="OpenSince">When a seq above the hole was first stored, i.e. since when it is visible.</param>
/// <param name="Age">How long it has been open at the time of the snapshot.</param>
public readonly record struct SeqGap(string Device, long From, long To, DateTimeOffset OpenSince, TimeSpan Age)
{
    /// <summary>Missing seqs in the hole.</summary>
    public long Count => To - From + 1;
}
