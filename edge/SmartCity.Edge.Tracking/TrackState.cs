namespace SmartCity.Edge.Tracking;

/// <summary>Life-cycle state of a track. A removed track is no longer listed; its id is reported once in <see cref="ByteTracker.RemovedThisUpdate"/>.</summary>
public enum TrackState : byte
{
    /// <summary>Born from a confident detection, not yet matched often enough to be trusted (analytics ignore it).</summary>
    Tentative,

    /// <summary>Matched in the latest detector frame after reaching the confirmation hits.</summary>
    Confirmed,

    /// <summary>A confirmed track that was not matched in the latest detector frame; kept and predicted until the lost timeout.</summary>
    Lost,
}
