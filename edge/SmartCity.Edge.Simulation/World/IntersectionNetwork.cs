using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Simulation.Rendering;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// A four-arm signalised intersection, right-hand traffic, two lanes each way (inner lane: left, through and
/// U-turn; outer lane: through and right), zebra crosswalks on every arm and sidewalks on every corner.
/// Everything is built for the north arm and rotated by quarter turns for east, south and west.
/// </summary>
internal sealed class IntersectionNetwork : RoadNetwork
{
    public const float LaneWidth = 3.5f;
    public const float HalfRoad = 2 * LaneWidth;
    public const float SidewalkOuter = 10f;
    public const float CrosswalkNear = 8f;
    public const float CrosswalkFar = 11f;
    public const float StopLineNear = 11.6f;
    public const float StopLineFar = 12f;
    public const float KerbRadius = 3f;
    private const float StopDistance = 12.3f;
    private const float SidewalkCentre = 8.5f;

    private static readonly Approach[] Arms = [Approach.North, Approach.East, Approach.South, Approach.West];

    // [arm, lane, movement] with movement 0 = through, 1 = left, 2 = right, 3 = U-turn (null where not allowed).
    private readonly Route?[,,] _vehicleRoutes = new Route?[4, 2, 4];

    // [arm, side (0 = clockwise side, 1 = other), option (0 = cross own arm, 1 = cross the neighbouring arm)].
    private readonly Route[,,] _pedestrianRoutes = new Route[4, 2, 2];
    private readonly float[] _armLength = new float[4];

    public IntersectionNetwork(TrafficCamera camera)
    {
        for (int a = 0; a < 4; a++)
        {
            _armLength[a] = ArmLength(camera, Rotate(Vector2.UnitY, a), HalfRoad, StopLineFar, a == 0 ? 170 : 110);
        }

        for (int a = 0; a < 4; a++)
        {
            for (int lane = 0; lane < 2; lane++)
            {
                _vehicleRoutes[a, lane, 0] = VehicleRoute(a, lane, 2, lane);
                if (lane == 0)
                {
                    _vehicleRoutes[a, lane, 1] = VehicleRoute(a, lane, 1, 0);
                    _vehicleRoutes[a, lane, 3] = VehicleRoute(a, lane, 0, 1);
                }
                else
                {
                    _vehicleRoutes[a, lane, 2] = VehicleRoute(a, lane, 3, 1);
                }
            }

            for (int side = 0; side < 2; side++)
            {
                for (int option = 0; option < 2; option++)
                {
                    _pedestrianRoutes[a, side, option] = PedestrianRoute(a, side, option);
                }
            }

            SignalHeads.Add(new SignalHead(Arms[a], Rotate(new Vector2(-HalfRoad - 1.2f, -StopLineFar), a), Rotate(Vector2.UnitY, a)));
            StreetLamps.Add(Rotate(new Vector2(11.5f, 11.5f), a));
            StreetLamps.Add(Rotate(new Vector2(SidewalkOuter + 0.5f, 40f), a));
        }

        Bgr[] walls = [new(150, 170, 190), new(120, 130, 160), new(170, 160, 150), new(110, 120, 125), new(140, 150, 175)];
        (float X, float Y, float W, float D, float H)[] blocks =
        [
            (27, 28, 30, 28, 16), (-27, 30, 30, 30, 22), (25, 64, 26, 22, 11), (-26, 70, 28, 30, 26),
            (60, 26, 34, 24, 9), (-62, 27, 36, 26, 13), (24, 100, 24, 30, 18), (-25, 110, 26, 34, 14),
        ];
        for (int i = 0; i < blocks.Length; i++)
        {
            Bgr wall = walls[i % walls.Length];
            Buildings.Add(new StaticBox(new Vector2(blocks[i].X, blocks[i].Y), new Vector2(blocks[i].W, blocks[i].D), blocks[i].H, wall, new Bgr(95, 100, 105)));
        }
    }

    public override SceneKind Kind => SceneKind.Intersection;

    public override IReadOnlyList<Approach> EntryApproaches => Arms;

    public override int LaneKeyCount => 8;

    public override float SpeedLimit => 13.9f;

    /// <summary>Quarter turns clockwise: north → east → south → west.</summary>
    public static Vector2 Rotate(Vector2 p, int quarterTurns)
    {
        for (int i = 0; i < (quarterTurns & 3); i++)
        {
            p = new Vector2(p.Y, -p.X);
        }

        return p;
    }

    public static int ArmIndex(Approach approach) => approach switch
    {
        Approach.North => 0,
        Approach.East => 1,
        Approach.South => 2,
        Approach.West => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(approach), approach, "The intersection has no such approach."),
    };

    private Route VehicleRoute(int arm, int lane, int relativeExit, int exitLane)
    {
        float inX = -(lane + 0.5f) * LaneWidth;
        int exitArm = (arm + relativeExit) & 3;
        float outX = (exitLane + 0.5f) * LaneWidth;
        var local = new List<Vector2> { new(inX, _armLength[arm]), new(inX, StopDistance) };

        // Exit lane start and end, expressed in this arm's frame.
        Vector2 exitStart = Rotate(new Vector2(outX, StopDistance), relativeExit);
        Vector2 exitEnd = Rotate(new Vector2(outX, _armLength[exitArm]), relativeExit);
        Vector2 outward = Rotate(Vector2.UnitY, relativeExit);
        var a = new Vector2(inX, StopDistance);
        float reach = relativeExit == 0 ? 9f : relativeExit == 2 ? 1f : 0.55f * Vector2.Distance(a, exitStart);
        Route.AddCubic(local, a, a - (Vector2.UnitY * reach), exitStart - (outward * reach), exitStart, relativeExit == 2 ? 2 : 18);
        float stopS = _armLength[arm] - StopDistance;
        float junctionEnd = stopS;
        for (int i = 2; i < local.Count; i++)
        {
            junctionEnd += Vector2.Distance(local[i - 1], local[i]);
        }

        local.Add(exitEnd);
        for (int i = 0; i < local.Count; i++)
        {
            local[i] = Rotate(local[i], arm);
        }

        return new Route(local, Arms[arm], Arms[exitArm], (arm * 2) + lane, (exitArm * 2) + exitLane, stopS, junctionEnd, relativeExit != 2);
    }

    private Route PedestrianRoute(int arm, int side, int option)
    {
        // Built for the east (side 0) sidewalk of the arm and mirrored in x for the west one.
        float m = side == 0 ? 1 : -1;
        int relativeExit;
        var local = new List<Vector2> { new(m * SidewalkCentre, _armLength[arm]) };
        float mid = (CrosswalkNear + CrosswalkFar) / 2;
        if (option == 0)
        {
            relativeExit = side == 0 ? 3 : 1;
            local.Add(new Vector2(m * SidewalkCentre, mid));
            local.Add(new Vector2(-m * SidewalkCentre, mid));
            local.Add(new Vector2(-m * mid, SidewalkCentre));
            local.Add(new Vector2(-m * _armLength[(arm + relativeExit) & 3], SidewalkCentre));
        }
        else
        {
            relativeExit = 2;
            local.Add(new Vector2(m * SidewalkCentre, mid));
            local.Add(new Vector2(m * mid, SidewalkCentre));
            local.Add(new Vector2(m * mid, -SidewalkCentre));
            local.Add(new Vector2(m * SidewalkCentre, -mid));
            local.Add(new Vector2(m * SidewalkCentre, -_armLength[(arm + 2) & 3]));
        }

        // The wait point is the kerb at the start of the crosswalk (third point).
        float stopS = Vector2.Distance(local[0], local[1]) + (option == 0 ? 0 : Vector2.Distance(local[1], local[2]));
        for (int i = 0; i < local.Count; i++)
        {
            local[i] = Rotate(local[i], arm);
        }

        return new Route(local, Arms[arm], Arms[(arm + relativeExit) & 3], -1, -1, stopS - 0.4f, stopS, isTurn: false);
    }

    public override Route PickVehicleRoute(Approach entry, TrafficClass cls, DeterministicRandom rng, out float lateralOffset)
    {
        int a = ArmIndex(entry);
        double u = rng.NextDouble();
        lateralOffset = 0;
        if (cls == TrafficClass.Bicycle)
        {
            lateralOffset = 1.1f;
            return u < 0.75 ? _vehicleRoutes[a, 1, 0]! : _vehicleRoutes[a, 1, 2]!;
        }

        bool heavy = cls is TrafficClass.Bus or TrafficClass.Truck;
        if (u < 0.2) return _vehicleRoutes[a, 0, 1]!;
        if (u < 0.38) return _vehicleRoutes[a, 1, 2]!;
        if (u < 0.41 && !heavy) return _vehicleRoutes[a, 0, 3]!;
        return _vehicleRoutes[a, rng.Below(2), 0]!;
    }

    public override Route PickPedestrianRoute(Approach entry, DeterministicRandom rng) =>
        _pedestrianRoutes[ArmIndex(entry), rng.Below(2), rng.Below(2)];

    public override GroundMaterial MaterialAt(float x, float y)
    {
        // Fold the point into the north arm's frame: the arm whose axis it is nearest to.
        int arm = Math.Abs(y) >= Math.Abs(x) ? (y >= 0 ? 0 : 2) : (x >= 0 ? 1 : 3);
        Vector2 p = Rotate(new Vector2(x, y), 4 - arm);
        float lat = p.X, d = p.Y, al = MathF.Abs(lat);
        if (al > HalfRoad && d > HalfRoad)
        {
            // Corner: the kerb follows a quarter circle.
            float cx = al - (HalfRoad + KerbRadius), cy = d - (HalfRoad + KerbRadius);
            if (cx < 0 && cy < 0)
            {
                float r = MathF.Sqrt((cx * cx) + (cy * cy));
                if (r > KerbRadius + 0.2f) return GroundMaterial.Asphalt;
                if (r > KerbRadius) return GroundMaterial.Kerb;
            }

            if (al < SidewalkOuter || d < SidewalkOuter) return GroundMaterial.Sidewalk;
            return GroundMaterial.Grass;
        }

        if (al > HalfRoad)
        {
            return al < HalfRoad + 0.2f ? GroundMaterial.Kerb : al < SidewalkOuter ? GroundMaterial.Sidewalk : GroundMaterial.Grass;
        }

        if (d < CrosswalkNear - 0.3f)
        {
            return GroundMaterial.Asphalt;
        }

        if (d < CrosswalkFar)
        {
            bool stripe = d > CrosswalkNear && d < CrosswalkFar - 0.3f && ((lat + 20f) % 1.2f) < 0.6f;
            return stripe ? GroundMaterial.WhiteMarking : GroundMaterial.Asphalt;
        }

        if (d > StopLineNear && d < StopLineFar && lat < 0) return GroundMaterial.WhiteMarking;
        if (d < StopLineFar) return GroundMaterial.Asphalt;
        if (MathF.Abs(lat) < 0.09f) return GroundMaterial.YellowMarking;
        if (MathF.Abs(al - LaneWidth) < 0.07f && (d < 30 || (d % 9f) < 3f)) return GroundMaterial.WhiteMarking;
        return GroundMaterial.Asphalt;
    }

    public override SceneLayout CreateLayout(TrafficCamera camera)
    {
        var approaches = new List<ApproachLayout>(4);
        const float zoneFar = StopLineFar + 10f;
        for (int a = 0; a < 4; a++)
        {
            Vector2[] entryGround = [R(-HalfRoad, StopLineFar), R(0, StopLineFar), R(0, zoneFar), R(-HalfRoad, zoneFar)];
            Vector2[] exitGround = [R(0, StopLineFar), R(HalfRoad, StopLineFar), R(HalfRoad, zoneFar), R(0, zoneFar)];
            Vector2 lineStart = camera.GroundToImage.Map(R(-HalfRoad, StopLineNear));
            Vector2 lineEnd = camera.GroundToImage.Map(R(0, StopLineNear));
            Vector2 before = camera.GroundToImage.Map(R(-LaneWidth, StopLineFar + 1));
            Vector2 after = camera.GroundToImage.Map(R(-LaneWidth, StopLineNear - 1));
            approaches.Add(new ApproachLayout(
                Arms[a], 2, 2, Project(camera, entryGround), Project(camera, exitGround), (lineStart, lineEnd), StopLine: true,
                Vector2.Normalize(after - before), entryGround, exitGround));

            Vector2 R(float x, float y) => Rotate(new Vector2(x, y), a);
        }

        (Vector2[] image, Vector2[] ground) = Calibration(camera, HalfRoad, -StopLineFar, StopLineFar);
        return new SceneLayout(Kind, camera.Width, camera.Height, camera.GroundToImage, camera.ImageToGround, image, ground, approaches, SpeedLimit);
    }
}
