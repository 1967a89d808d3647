namespace SmartCity.Edge.Analytics.Engine;

/// <summary>Where a road user is in its journey through the approaches' zones.</summary>
internal enum MovementPhase : byte
{
    /// <summary>Not yet seen in an entry zone.</summary>
    None,

    /// <summary>In (or just leaving) its first entry zone.</summary>
    InEntry,

    /// <summary>Left its entry zone; watching for exit zones.</summary>
    Travelling,

    /// <summary>Movement emitted or found incomplete; nothing more to do.</summary>
    Done,
}
