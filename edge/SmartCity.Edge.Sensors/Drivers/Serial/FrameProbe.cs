namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>What a frame format makes of the bytes at a candidate header.</summary>
internal enum FrameProbe
{
    /// <summary>The bytes cannot start a frame of this format: skip one byte.</summary>
    NotAFrame,

    /// <summary>They may start one, but more bytes are needed to decide.</summary>
    NeedMore,

    /// <summary>Header, length and trailer are right but the checksum is wrong.</summary>
    BadChecksum,

    /// <summary>A whole, valid frame.</summary>
    Valid,
}
