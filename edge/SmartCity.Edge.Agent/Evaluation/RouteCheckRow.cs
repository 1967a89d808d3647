using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// One element of the cross-check between the reference analytics and the simulator's routes. The reference
/// (fed only objects that entered during the run) must count every complete trip and may also count trips
/// cut off by the end of the run, so it has to lie in [<see cref="Complete"/>, <see cref="Complete"/> +
/// <see cref="CutAtEnd"/>], give or take <see cref="Tolerance"/>.
/// </summary>
/// <param name="Kind">Line or movement.</param>
/// <param name="Element">Element as in the count tables.</param>
/// <param name="Class">Class.</param>
/// <param name="Complete">Complete trips over this element by the routes.</param>
/// <param name="CutAtEnd">Trips over this element still in the picture at the end.</param>
/// <param name="Reference">What the analytics counted from the ground-truth tracks of objects that entered during the run.</param>
/// <param name="Tolerance">Allowed distance outside the bracket.</param>
/// <param name="Predicted">
/// Whether the routes predict this element. They do for inbound stop-line crossings and movements; they do not for
/// "out" crossings of a stop line, which come from box geometry (the bottom centre of a long turning vehicle's box
/// sweeping over the line) rather than from where the vehicle drives, so those rows are shown but not judged.
/// </param>
internal readonly record struct RouteCheckRow(CountKind Kind, string Element, TrafficClass Class, long Complete, long CutAtEnd, long Reference, long Tolerance, bool Predicted)
{
    /// <summary>Whether the reference lies inside the bracket, within the tolerance (always true for rows the routes do not predict).</summary>
    public bool Agrees => !Predicted || (Reference >= Complete - Tolerance && Reference <= Complete + CutAtEnd + Tolerance);
}
