namespace SmartCity.Edge.Vision.Frames;

/// <summary>
/// What is really in a synthetic frame: one road user with its persistent id, class, visible box and the
/// approaches it enters and leaves by (known from its planned route, so also before it reaches the exit).
/// </summary>
/// <param name="ObjectId">Persistent id, unique within a scenario run.</param>
/// <param name="Class">Road-user class.</param>
/// <param name="Box">Tight box of the object in image pixels, clipped to the image.</param>
/// <param name="Entry">Approach the object entered by.</param>
/// <param name="Exit">Approach the object leaves by.</param>
/// <param name="Visibility">Fraction of the box not hidden by nearer objects or the image edge, 0–1.</param>
public readonly record struct GroundTruthObject(
    int ObjectId,
    TrafficClass Class,
    BoxF Box,
    Approach Entry,
    Approach Exit,
    float Visibility);
