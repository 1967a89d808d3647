using SmartCity.Edge.Analytics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>One counted element by class: a line and direction (<c>north-stop in</c>) or a movement (<c>north→south through</c>).</summary>
/// <param name="Kind">Line or movement.</param>
/// <param name="Element">The line and direction, or the movement, as printed in the report.</param>
/// <param name="Class">Road-user class.</param>
internal readonly record struct CountKey(CountKind Kind, string Element, TrafficClass Class)
{
    /// <summary>The key of crossings of <paramref name="line"/> in <paramref name="direction"/>.</summary>
    public static CountKey ForLine(string line, CrossingDirection direction, TrafficClass cls) =>
        new(CountKind.Line, $"{line} {(direction == CrossingDirection.In ? "in" : "out")}", cls);

    /// <summary>The key of the movement <paramref name="from"/> → <paramref name="to"/>.</summary>
    public static CountKey ForMovement(string from, string to, MovementKind kind, TrafficClass cls) =>
        new(CountKind.Movement, $"{from}→{to} {KindName(kind)}", cls);

    /// <summary>The movement kind as printed: left, through, right, U-turn.</summary>
    public static string KindName(MovementKind kind) => kind switch
    {
        MovementKind.Left => "left",
        MovementKind.Right => "right",
        MovementKind.UTurn => "U-turn",
        _ => "through",
    };
}
