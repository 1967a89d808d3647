using System.Globalization;
using System.Numerics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Engine;
using SmartCity.Edge.Analytics.Geometry;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>Checks a camera's analytics options and turns them into an <see cref="AnalyticsLayout"/>.</summary>
internal sealed class AnalyticsLayoutCompiler
{
    /// <summary>Smallest polygon area (square pixels) that is not "zero area".</summary>
    private const float MinPolygonArea = 1;

    private readonly CameraAnalyticsOptions _o;
    private readonly string _device;
    private readonly string _camera;
    private readonly int _width;
    private readonly int _height;

    private AnalyticsLayoutCompiler(CameraAnalyticsOptions options, string deviceId, int width, int height)
    {
        _o = options;
        _device = string.IsNullOrWhiteSpace(deviceId) ? "(unnamed)" : deviceId;
        _camera = string.IsNullOrWhiteSpace(options.Camera) ? "(unnamed)" : options.Camera;
        _width = width;
        _height = height;
    }

    public static AnalyticsLayout Compile(CameraAnalyticsOptions options, string deviceId, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AnalyticsLayoutCompiler(options, deviceId, width, height).Run();
    }

    private AnalyticsLayout Run()
    {
        if (string.IsNullOrWhiteSpace(_o.Camera))
        {
            throw Refuse("camera", "a camera name is required");
        }

        if (_width <= 0 || _height <= 0)
        {
            throw Refuse("frame", $"the frame size {_width}x{_height} is not positive");
        }

        CheckScalars();
        GroundCalibration? calibration = CompileCalibration();
        CountingLine[] lines = CompileLines();
        AnalyticsZone[] zones = CompileZones();
        ApproachGeometry[] approaches = CompileApproaches(calibration);
        MovementKind?[] movements = CompileMovements(approaches);
        return new AnalyticsLayout(_device, _o, _width, _height, lines, zones, approaches, movements, calibration);
    }

    private void CheckScalars()
    {
        double seconds = _o.Interval.TotalSeconds;
        if (_o.Interval <= TimeSpan.Zero || _o.Interval > TimeSpan.FromDays(1) || _o.Interval.Ticks % TimeSpan.TicksPerSecond != 0
            || TimeSpan.TicksPerDay % _o.Interval.Ticks != 0)
        {
            throw Refuse("interval", $"{_o.Interval} must be whole seconds that divide a day (60 s, 5 min, 15 min …), so intervals align to the clock");
        }

        if (!float.IsFinite(_o.FrameMargin) || _o.FrameMargin < 0)
        {
            throw Refuse("frameMargin", $"{_o.FrameMargin} must be zero or more pixels");
        }

        if (_o.EventBufferCapacity is < 1 or > 1_000_000)
        {
            throw Refuse("eventBufferCapacity", $"{_o.EventBufferCapacity} must be between 1 and 1000000");
        }

        AnalyticsThresholds t = _o.Thresholds ?? throw Refuse("thresholds", "the section is missing");
        if (!double.IsFinite(t.StoppedSpeedKmh) || t.StoppedSpeedKmh < 0)
        {
            throw Refuse("thresholds.stoppedSpeedKmh", $"{t.StoppedSpeedKmh} must be zero or more");
        }

        if (t.SpeedWindow <= TimeSpan.Zero)
        {
            throw Refuse("thresholds.speedWindow", $"{t.SpeedWindow} must be positive");
        }

        if (t.MinSpeedSamples is < 2 or > SpeedHistory.Capacity)
        {
            throw Refuse("thresholds.minSpeedSamples", $"{t.MinSpeedSamples} must be between 2 and {SpeedHistory.Capacity}");
        }

        if (t.MinZoneFrames is < 1 or > 100)
        {
            throw Refuse("thresholds.minZoneFrames", $"{t.MinZoneFrames} must be between 1 and 100");
        }

        if (t.MinDwell < TimeSpan.Zero)
        {
            throw Refuse("thresholds.minDwell", $"{t.MinDwell} must not be negative");
        }

        if (t.StaleTrackTimeout <= TimeSpan.Zero)
        {
            throw Refuse("thresholds.staleTrackTimeout", $"{t.StaleTrackTimeout} must be positive");
        }

        JourneyOptions j = _o.Journeys ?? throw Refuse("journeys", "the section is missing");
        if (j.StitchWindow < TimeSpan.Zero || j.StitchWindow > TimeSpan.FromMinutes(1))
        {
            throw Refuse("journeys.stitchWindow", $"{j.StitchWindow} must be 0 (off) to 1 min");
        }

        if (j.MaxPrediction < TimeSpan.Zero || j.MaxPrediction > TimeSpan.FromMinutes(1))
        {
            throw Refuse("journeys.maxPrediction", $"{j.MaxPrediction} must be 0 to 1 min");
        }

        CheckRange("journeys.stitchRadiusMetres", j.StitchRadiusMetres, 0.1, 50);
        CheckRange("journeys.pedestrianStitchRadiusMetres", j.PedestrianStitchRadiusMetres, 0.1, 50);
        CheckRange("journeys.stitchRadiusGrowthMetresPerSecond", j.StitchRadiusGrowthMetresPerSecond, 0, 50);
        CheckRange("journeys.inferMaxAngleDegrees", j.InferMaxAngleDegrees, 1, 90);
        CheckRange("journeys.inferMinTravelMetres", j.InferMinTravelMetres, 0.5, 100);
        CheckRange("journeys.inferBendMaxTravelMetres", j.InferBendMaxTravelMetres, 0, 100);
        CheckRange("journeys.inferMaxDistanceMetres", j.InferMaxDistanceMetres, 1, 1000);
        CheckOffOrRange("journeys.maxPedestrianSpeedKmh", j.MaxPedestrianSpeedKmh, 5, 100);
        CheckOffOrRange("journeys.maxBicycleSpeedKmh", j.MaxBicycleSpeedKmh, 10, 150);
        CheckRange("journeys.minUTurnReachMetres", j.MinUTurnReachMetres, 0, 100);

        NoDataRules n = _o.NoData ?? throw Refuse("noData", "the section is missing");
        if (!double.IsFinite(n.MaxDroppedFraction) || n.MaxDroppedFraction is < 0 or > 1)
        {
            throw Refuse("noData.maxDroppedFraction", $"{n.MaxDroppedFraction} must be between 0 and 1");
        }

        if (n.MaxFrameGap <= TimeSpan.Zero || n.MaxFrameGap.TotalSeconds >= seconds)
        {
            throw Refuse("noData.maxFrameGap", $"{n.MaxFrameGap} must be positive and shorter than the interval ({_o.Interval})");
        }
    }

    private GroundCalibration? CompileCalibration()
    {
        CalibrationOptions? c = _o.Calibration;
        if (c is null)
        {
            return null;
        }

        const string element = "calibration";
        Vector2[] image = Points(element, "imagePoints", c.ImagePoints ?? [], checkFrame: true);
        Vector2[] ground = Points(element, "groundPoints", c.GroundPoints ?? [], checkFrame: false);
        if (image.Length < 4 || image.Length != ground.Length)
        {
            throw Refuse(element, $"needs at least four image points and as many ground points, got {image.Length} and {ground.Length}");
        }

        if (!double.IsFinite(c.MaxResidualMetres) || c.MaxResidualMetres <= 0)
        {
            throw Refuse(element, $"maxResidualMetres {c.MaxResidualMetres} must be positive");
        }

        if (!HomographySolver.TrySolve(image, ground, out GroundCalibration? solved, out string? problem))
        {
            throw Refuse(element, $"degenerate homography: {problem}");
        }

        if (solved!.RmsResidualMetres > c.MaxResidualMetres)
        {
            throw Refuse(element, string.Create(CultureInfo.InvariantCulture,
                $"reprojection residual {solved.RmsResidualMetres:0.###} m is above the bound {c.MaxResidualMetres} m (the point pairs disagree)"));
        }

        return solved;
    }

    private CountingLine[] CompileLines()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = new CountingLine[(_o.Lines ?? []).Length];
        for (int i = 0; i < lines.Length; i++)
        {
            CountingLineOptions l = _o.Lines![i] ?? throw Refuse($"line {i + 1}", "is empty");
            string element = Named("line", l.Name, i);
            Unique(names, l.Name, element);
            Vector2 a = Point(element, "start", l.Start, checkFrame: true);
            Vector2 b = Point(element, "end", l.End, checkFrame: true);
            if (Vector2.Distance(a, b) < 1)
            {
                throw Refuse(element, "has zero length (start and end are the same point)");
            }

            Vector2 dir = Vector(element, "in", l.In);
            Vector2 along = Vector2.Normalize(b - a);
            if (MathF.Abs(Vector2.Dot(Vector2.Normalize(dir), along)) > 0.985f)
            {
                throw Refuse(element, "the 'in' vector runs along the line; it must point across it");
            }

            if (!float.IsFinite(l.Hysteresis) || l.Hysteresis < 0 || l.Hysteresis > Vector2.Distance(a, b) / 2)
            {
                throw Refuse(element, $"hysteresis {l.Hysteresis} must be between 0 and half the line's length");
            }

            foreach (CrossingDirection d in l.Directions ?? [])
            {
                if (d is not (CrossingDirection.In or CrossingDirection.Out))
                {
                    throw Refuse(element, $"directions: unknown direction {(int)d}; use \"in\" and/or \"out\"");
                }
            }

            lines[i] = new CountingLine(l.Name, a, b, dir, l.Anchor, l.Hysteresis, l.Classes ?? [], l.Directions ?? []);
        }

        return lines;
    }

    private AnalyticsZone[] CompileZones()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var channels = new Dictionary<int, string>();
        var zones = new AnalyticsZone[(_o.Zones ?? []).Length];
        for (int i = 0; i < zones.Length; i++)
        {
            ZoneOptions z = _o.Zones![i] ?? throw Refuse($"zone {i + 1}", "is empty");
            string element = Named("zone", z.Name, i);
            Unique(names, z.Name, element);
            ImagePolygon polygon = Polygon(element, "polygon", z.Polygon, clip: false);
            if (z.DetectorChannel is { } ch)
            {
                if (ch is < 1 or > 255)
                {
                    throw Refuse(element, $"detector channel {ch} must be between 1 and 255");
                }

                if (!channels.TryAdd(ch, z.Name))
                {
                    throw Refuse(element, $"detector channel {ch} is already used by zone '{channels[ch]}'");
                }
            }

            zones[i] = new AnalyticsZone(z.Name, polygon, z.Anchor, z.DetectorChannel);
        }

        return zones;
    }

    private ApproachGeometry[] CompileApproaches(GroundCalibration? calibration)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var approaches = new ApproachGeometry[(_o.Approaches ?? []).Length];
        for (int i = 0; i < approaches.Length; i++)
        {
            ApproachOptions a = _o.Approaches![i] ?? throw Refuse($"approach {i + 1}", "is empty");
            string element = Named("approach", a.Name, i);
            Unique(names, a.Name, element);
            double bearing;
            if (a.Side is { } side && a.InboundBearing is not null)
            {
                throw Refuse(element, "give either side or inboundBearing, not both");
            }
            else if (a.Side is { } s)
            {
                if (s == Approach.None)
                {
                    throw Refuse(element, "side must be north, east, south or west");
                }

                bearing = MovementClassifier.InboundBearingOf(s);
            }
            else if (a.InboundBearing is { } deg && double.IsFinite(deg))
            {
                bearing = ((deg % 360) + 360) % 360;
            }
            else
            {
                throw Refuse(element, "needs a side (north, east, south, west) or a finite inboundBearing in degrees");
            }

            ImagePolygon entry = Polygon($"{element} entry zone", "entryZone", a.EntryZone, clip: true);
            ImagePolygon exit = Polygon($"{element} exit zone", "exitZone", a.ExitZone, clip: true);
            var geometry = new ApproachGeometry(a.Name, a.Side ?? Approach.None, bearing, entry, exit);
            if (a.StopLine is { } stop)
            {
                CompileStopLine(geometry, stop, a.QueueZone, element, calibration);
            }
            else if (a.QueueZone is not null)
            {
                throw Refuse(element, "a queue zone needs a stop line to measure from");
            }

            approaches[i] = geometry;
        }

        return approaches;
    }

    private void CompileStopLine(ApproachGeometry geometry, StopLineOptions stop, float[][]? queueZone, string element, GroundCalibration? calibration)
    {
        string stopElement = $"{element} stop line";
        Vector2 a = Point(stopElement, "start", stop.Start, checkFrame: true);
        Vector2 b = Point(stopElement, "end", stop.End, checkFrame: true);
        if (Vector2.Distance(a, b) < 1)
        {
            throw Refuse(stopElement, "has zero length (start and end are the same point)");
        }

        if (calibration is null)
        {
            throw Refuse(stopElement, "queue lengths in metres need a calibration; add a calibration section");
        }

        ImagePolygon queue = queueZone is null ? geometry.EntryZone : Polygon($"{element} queue zone", "queueZone", queueZone, clip: true);
        Homography h = calibration.ImageToGround;
        Vector2 centroid = queue.CornerCentroid;
        if (!h.TryMap(a.X, a.Y, out Vector2 ga) || !h.TryMap(b.X, b.Y, out Vector2 gb) || !h.TryMap(centroid.X, centroid.Y, out Vector2 gq))
        {
            throw Refuse(stopElement, "lies beyond the calibration's horizon, so it has no place on the ground");
        }

        Vector2 along = Vector2.Normalize(gb - ga);
        var normal = new Vector2(-along.Y, along.X);
        if (Vector2.Dot(normal, gq - ga) < 0)
        {
            normal = -normal;
        }

        Vector2 upstreamImage = centroid - ((a + b) / 2);
        geometry.StopLine = (a, b);
        geometry.QueueZone = queue;
        geometry.StopLineGround = ga;
        geometry.UpstreamGround = normal;
        geometry.BoxBottomIsFront = upstreamImage.Y < -MathF.Abs(upstreamImage.X);
    }

    private MovementKind?[] CompileMovements(ApproachGeometry[] approaches)
    {
        int n = approaches.Length;
        var table = new MovementKind?[n * n];
        if (_o.DeriveMovements)
        {
            for (int from = 0; from < n; from++)
            {
                for (int to = 0; to < n; to++)
                {
                    table[(from * n) + to] = Derive(approaches, from, to);
                }
            }
        }

        var listed = new HashSet<(int, int)>();
        foreach (MovementOptions? m in _o.Movements ?? [])
        {
            if (m is null)
            {
                continue;
            }

            string element = $"movement '{m.From}' → '{m.To}'";
            int from = IndexOf(approaches, m.From), to = IndexOf(approaches, m.To);
            string known = string.Join(", ", Array.ConvertAll(approaches, a => $"'{a.Name}'"));
            if (from < 0)
            {
                throw Refuse(element, $"approach '{m.From}' is not defined (approaches: {(known.Length == 0 ? "none" : known)})");
            }

            if (to < 0)
            {
                throw Refuse(element, $"approach '{m.To}' is not defined (approaches: {(known.Length == 0 ? "none" : known)})");
            }

            if (!listed.Add((from, to)))
            {
                throw Refuse(element, "is listed twice");
            }

            table[(from * n) + to] = m.Kind ?? Derive(approaches, from, to);
        }

        return table;
    }

    private MovementKind Derive(ApproachGeometry[] approaches, int from, int to) =>
        MovementClassifier.Classify(approaches[from].InboundBearing, approaches[to].InboundBearing, _o.DrivingSide, from == to);

    private static int IndexOf(ApproachGeometry[] approaches, string name)
    {
        for (int i = 0; i < approaches.Length; i++)
        {
            if (string.Equals(approaches[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private ImagePolygon Polygon(string element, string key, float[][]? outline, bool clip)
    {
        Vector2[] points = Points(element, key, outline ?? [], checkFrame: !clip);
        if (points.Length < 3)
        {
            throw Refuse(element, $"{key} needs at least three points, got {points.Length}");
        }

        if (PolygonMath.FindSelfIntersection(points, out int e1, out int e2))
        {
            throw Refuse(element, $"{key} crosses itself (edge {e1 + 1} meets edge {e2 + 1})");
        }

        if (PolygonMath.Area(points) < MinPolygonArea)
        {
            throw Refuse(element, $"{key} has zero area");
        }

        if (clip)
        {
            // Road arms leave the picture: the part outside the frame can never hold an anchor, so it is cut off.
            points = PolygonMath.ClipToRectangle(points, _width, _height);
            if (points.Length < 3 || PolygonMath.Area(points) < MinPolygonArea)
            {
                throw Refuse(element, $"{key} lies outside the {_width}x{_height} frame");
            }
        }

        return new ImagePolygon(points);
    }

    private Vector2[] Points(string element, string key, float[][] raw, bool checkFrame)
    {
        var points = new Vector2[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            points[i] = Point(element, $"{key}[{i}]", raw[i], checkFrame);
        }

        return points;
    }

    private Vector2 Point(string element, string key, float[]? xy, bool checkFrame)
    {
        if (xy is null || xy.Length != 2 || !float.IsFinite(xy[0]) || !float.IsFinite(xy[1]))
        {
            throw Refuse(element, $"{key} must be a point [x, y] of two finite numbers");
        }

        float m = _o.FrameMargin;
        if (checkFrame && (xy[0] < -m || xy[1] < -m || xy[0] > _width + m || xy[1] > _height + m))
        {
            throw Refuse(element, string.Create(CultureInfo.InvariantCulture,
                $"point ({xy[0]}, {xy[1]}) is outside the {_width}x{_height} frame"));
        }

        return new Vector2(xy[0], xy[1]);
    }

    private Vector2 Vector(string element, string key, float[]? xy)
    {
        if (xy is null || xy.Length != 2 || !float.IsFinite(xy[0]) || !float.IsFinite(xy[1]))
        {
            throw Refuse(element, $"'{key}' must be a direction [dx, dy] of two finite numbers");
        }

        var v = new Vector2(xy[0], xy[1]);
        if (v.LengthSquared() < 1e-12f)
        {
            throw Refuse(element, $"the '{key}' vector is zero; it must point across the line");
        }

        return v;
    }

    private void Unique(HashSet<string> names, string name, string element)
    {
        if (!names.Add(name))
        {
            throw Refuse(element, "the name is used twice");
        }
    }

    private string Named(string kind, string? name, int index)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Refuse($"{kind} {index + 1}", "a name is required");
        }

        return $"{kind} '{name}'";
    }

    private void CheckRange(string element, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw Refuse(element, $"{value} must be between {min} and {max}");
        }
    }

    private void CheckOffOrRange(string element, double value, double min, double max)
    {
        if (value != 0 && (!double.IsFinite(value) || value < min || value > max))
        {
            throw Refuse(element, $"{value} must be 0 (off) or between {min} and {max}");
        }
    }

    private AnalyticsConfigurationException Refuse(string element, string problem) => new(_device, _camera, element, problem);
}
