using System.Numerics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Layout;

/// <summary>
/// Where one approach (intersection arm or road end) lies in the image, in pixels, so counting lines and
/// entry/exit zones can be configured for a synthetic scene. Polygons are listed in order around their
/// outline; points may lie outside the image where the arm leaves the picture.
/// </summary>
/// <param name="Approach">The approach.</param>
/// <param name="InboundLanes">Lanes travelling towards the centre of the scene.</param>
/// <param name="OutboundLanes">Lanes travelling away from it.</param>
/// <param name="EntryZone">Inbound half of the arm next to the stop line (or counting line): road users entering by this approach pass it.</param>
/// <param name="ExitZone">Outbound half of the arm at the same distance: road users leaving by this approach pass it.</param>
/// <param name="CountingLine">Line across the inbound lanes (the stop line at the intersection), start and end point.</param>
/// <param name="StopLine">True when <paramref name="CountingLine"/> is a painted stop line with a signal.</param>
/// <param name="InboundDirection">Unit vector in the image along which inbound traffic moves at the counting line.</param>
/// <param name="EntryZoneGround">The entry zone on the ground, metres.</param>
/// <param name="ExitZoneGround">The exit zone on the ground, metres.</param>
public sealed record ApproachLayout(
    Approach Approach,
    int InboundLanes,
    int OutboundLanes,
    IReadOnlyList<Vector2> EntryZone,
    IReadOnlyList<Vector2> ExitZone,
    (Vector2 Start, Vector2 End) CountingLine,
    bool StopLine,
    Vector2 InboundDirection,
    IReadOnlyList<Vector2> EntryZoneGround,
    IReadOnlyList<Vector2> ExitZoneGround);
