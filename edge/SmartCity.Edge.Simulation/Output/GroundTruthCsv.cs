using System.Globalization;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Output;

/// <summary>Writes per-frame ground truth as CSV: frame, object_id, class, x1, y1, x2, y2, visibility, entry, exit.</summary>
internal static class GroundTruthCsv
{
    public const string Header = "frame,object_id,class,x1,y1,x2,y2,visibility,entry,exit";

    public static void WriteFrame(TextWriter writer, long frame, FrameGroundTruth truth)
    {
        foreach (GroundTruthObject o in truth.Objects)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{frame},{o.ObjectId},{o.Class.ToName()},{o.Box.X1:F1},{o.Box.Y1:F1},{o.Box.X2:F1},{o.Box.Y2:F1},{o.Visibility:F3},{ApproachName(o.Entry)},{ApproachName(o.Exit)}\n"));
        }
    }

    /// <summary>Lower-case approach name as written in files: north, east, south, west, none.</summary>
    public static string ApproachName(Approach a) => a switch
    {
        Approach.North => "north",
        Approach.East => "east",
        Approach.South => "south",
        Approach.West => "west",
        _ => "none",
    };
}
