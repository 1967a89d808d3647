using System.Numerics;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Geometry;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Builds the analytics configuration a traffic engineer would write for a synthetic scene, from the scene's own
/// layout: per approach a counting line (the stop line) with "in" = the inbound direction (at a stop line counting the
/// vehicles entering the junction only: <see cref="StopLineClasses"/>, direction "in"), entry and exit zones,
/// a stop line with a queue zone reaching upstream, a stop-bar virtual detector, and the calibration from the
/// scene's four surveyed point pairs. (Analytics cannot reference the simulator, so this lives with the agent.)
/// </summary>
public static class SyntheticSceneAnalytics
{
    /// <summary>How far upstream of the stop line the queue zone reaches, metres.</summary>
    public const float QueueZoneMetres = 60;

    /// <summary>
    /// Width of the kerbside cycle lane of a road without stop lines (the synthetic straight road): its zones and
    /// counting lines are widened over it so cyclists are counted; at the intersection cyclists ride in the lane.
    /// </summary>
    public const float CycleLaneMetres = 1.8f;

    /// <summary>
    /// What a stop line counts: the vehicles entering the junction, cyclists among them. Pedestrians walking along the kerb
    /// pass its end, and vehicles leaving by the lanes beside it clip its end with their boxes (a bus's box bottom runs
    /// along its near side); neither is traffic entering the junction, so the line counts neither (direction "in" only).
    /// </summary>
    public static readonly IReadOnlyList<TrafficClass> StopLineClasses =
        [TrafficClass.Car, TrafficClass.Bus, TrafficClass.Truck, TrafficClass.Motorcycle, TrafficClass.Bicycle];

    /// <summary>The counting line's name for an approach: <c>north-stop</c> at a stop line, <c>north-count</c> otherwise.</summary>
    public static string LineName(ApproachLayout approach)
    {
        ArgumentNullException.ThrowIfNull(approach);
        return $"{ApproachName(approach.Approach)}-{(approach.StopLine ? "stop" : "count")}";
    }

    /// <summary>The approach's name in the configuration: the lower-case compass side (<c>north</c> …).</summary>
    public static string ApproachName(Approach approach) => approach.ToString().ToLowerInvariant();

    /// <summary>The analytics options of a camera seeing <paramref name="layout"/>.</summary>
    public static CameraAnalyticsOptions FromLayout(SceneLayout layout, string cameraName)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var lines = new List<CountingLineOptions>();
        var approaches = new List<ApproachOptions>();
        var zones = new List<ZoneOptions>();
        int channel = 1;
        foreach (ApproachLayout a in layout.Approaches)
        {
            string name = ApproachName(a.Approach);
            float widen = a.StopLine ? 0 : CycleLaneMetres;
            (Vector2 lineStart, Vector2 lineEnd) = Widened(layout, a, widen);
            lines.Add(new CountingLineOptions
            {
                Name = LineName(a),
                Start = Xy(lineStart),
                End = Xy(lineEnd),
                In = Xy(a.InboundDirection),
                Hysteresis = 3,
                Classes = a.StopLine ? [.. StopLineClasses] : [],
                Directions = a.StopLine ? [CrossingDirection.In] : [],
            });

            var approach = new ApproachOptions
            {
                Name = name,
                Side = a.Approach,
                EntryZone = Widened(layout, a.EntryZoneGround, a.ExitZoneGround, widen) ?? Polygon(a.EntryZone),
                ExitZone = Widened(layout, a.ExitZoneGround, a.EntryZoneGround, widen) ?? Polygon(a.ExitZone),
            };

            if (a.StopLine)
            {
                approach.StopLine = new StopLineOptions { Start = Xy(a.CountingLine.Start), End = Xy(a.CountingLine.End) };
                approach.QueueZone = QueueZone(layout, a);
            }

            approaches.Add(approach);

            // A stop-bar detector over the entry zone, as a controller's presence loop at the stop line.
            Vector2[] clipped = PolygonMath.ClipToRectangle([.. a.EntryZone], layout.Width, layout.Height);
            if (clipped.Length >= 3 && PolygonMath.Area(clipped) >= 1)
            {
                zones.Add(new ZoneOptions { Name = $"{name}-stop-bar", Polygon = Polygon(clipped), DetectorChannel = channel++ });
            }
        }

        return new CameraAnalyticsOptions
        {
            Camera = cameraName,
            Lines = [.. lines],
            Zones = [.. zones],
            Approaches = [.. approaches],
            Calibration = new CalibrationOptions
            {
                ImagePoints = Polygon(layout.CalibrationImagePoints),
                GroundPoints = Polygon(layout.CalibrationGroundPoints),
            },
        };
    }

    private static float[][]? QueueZone(SceneLayout layout, ApproachLayout a)
    {
        // The entry zone on the ground runs from the stop line (corners 0, 1) upstream (corners 3, 2); stretch it.
        IReadOnlyList<Vector2> g = a.EntryZoneGround;
        if (g.Count != 4)
        {
            return null;
        }

        Vector2 up = Vector2.Normalize(g[3] - g[0]);
        Vector2[] ground = [g[0], g[1], g[1] + (up * QueueZoneMetres), g[0] + (up * QueueZoneMetres)];
        var image = new Vector2[4];
        for (int i = 0; i < 4; i++)
        {
            if (!layout.GroundToImage.TryMap(ground[i], out image[i]))
            {
                return null;
            }
        }

        return Polygon(image);
    }

    /// <summary>
    /// The zone <paramref name="zone"/> (ground) with its outer side (away from <paramref name="neighbour"/>, the
    /// other half of the arm) moved out by <paramref name="metres"/>, in image pixels; null when not widened.
    /// </summary>
    private static float[][]? Widened(SceneLayout layout, IReadOnlyList<Vector2> zone, IReadOnlyList<Vector2> neighbour, float metres)
    {
        if (metres <= 0)
        {
            return null;
        }

        Vector2 centre = Centroid(zone), outward = Vector2.Normalize(centre - Centroid(neighbour));
        var image = new Vector2[zone.Count];
        for (int i = 0; i < zone.Count; i++)
        {
            Vector2 g = zone[i];
            if (Vector2.Dot(g - centre, outward) > 0)
            {
                g += outward * metres;
            }

            if (!layout.GroundToImage.TryMap(g, out image[i]))
            {
                return null;
            }
        }

        return Polygon(image);
    }

    /// <summary>The counting line with its kerbside end moved out by <paramref name="metres"/> on the ground.</summary>
    private static (Vector2 Start, Vector2 End) Widened(SceneLayout layout, ApproachLayout a, float metres)
    {
        (Vector2 start, Vector2 end) = a.CountingLine;
        if (metres <= 0 || !layout.ImageToGround.TryMap(start, out Vector2 gs) || !layout.ImageToGround.TryMap(end, out Vector2 ge))
        {
            return (start, end);
        }

        Vector2 outward = Vector2.Normalize(Centroid(a.EntryZoneGround) - Centroid(a.ExitZoneGround));
        bool startIsOuter = Vector2.Dot(gs - ge, outward) > 0;
        Vector2 moved = (startIsOuter ? gs : ge) + (outward * metres);
        if (!layout.GroundToImage.TryMap(moved, out Vector2 image))
        {
            return (start, end);
        }

        return startIsOuter ? (image, end) : (start, image);
    }

    private static Vector2 Centroid(IReadOnlyList<Vector2> points)
    {
        Vector2 sum = Vector2.Zero;
        foreach (Vector2 p in points)
        {
            sum += p;
        }

        return sum / points.Count;
    }

    private static float[] Xy(Vector2 p) => [p.X, p.Y];

    private static float[][] Polygon(IReadOnlyList<Vector2> points)
    {
        var result = new float[points.Count][];
        for (int i = 0; i < points.Count; i++)
        {
            result[i] = Xy(points[i]);
        }

        return result;
    }
}
