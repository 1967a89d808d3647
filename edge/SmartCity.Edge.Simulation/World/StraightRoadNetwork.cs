using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Simulation.Rendering;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// A straight road running north–south: three lanes each way, a cycle lane and a sidewalk on each side, no
/// signals. Northbound traffic enters by the south (bottom of the picture) and leaves by the north.
/// </summary>
internal sealed class StraightRoadNetwork : RoadNetwork
{
    public const float LaneWidth = 3.5f;
    public const int LanesPerDirection = 3;
    public const float HalfRoad = LanesPerDirection * LaneWidth;
    public const float CycleLaneOuter = HalfRoad + 1.8f;
    public const float SidewalkOuter = CycleLaneOuter + 3.2f;

    /// <summary>Where the counting lines cross the road, metres north of the origin.</summary>
    public const float CountingY = 18f;

    private static readonly Approach[] Ends = [Approach.South, Approach.North];
    private readonly Route[,] _lanes = new Route[2, LanesPerDirection + 1];
    private readonly Route[,] _sidewalks = new Route[2, 2];

    public StraightRoadNetwork(TrafficCamera camera)
    {
        float south = ArmLength(camera, -Vector2.UnitY, HalfRoad, 0, 120);
        float north = ArmLength(camera, Vector2.UnitY, HalfRoad, 0, 220);
        for (int dir = 0; dir < 2; dir++)
        {
            float sign = dir == 0 ? 1 : -1;
            float from = dir == 0 ? -south : north, to = dir == 0 ? north : -south;
            for (int lane = 0; lane <= LanesPerDirection; lane++)
            {
                float x = sign * (lane < LanesPerDirection ? (lane + 0.5f) * LaneWidth : (HalfRoad + CycleLaneOuter) / 2);
                int key = (dir * (LanesPerDirection + 1)) + lane;
                _lanes[dir, lane] = new Route([new(x, from), new(x, to)], Ends[dir], Ends[1 - dir], key, -1, float.PositiveInfinity, 0, isTurn: false);
            }

            for (int side = 0; side < 2; side++)
            {
                float x = (side == 0 ? 1 : -1) * (CycleLaneOuter + 1.4f + (dir * 0.8f));
                _sidewalks[dir, side] = new Route([new(x, from), new(x, to)], Ends[dir], Ends[1 - dir], -1, -1, float.PositiveInfinity, 0, isTurn: false);
            }
        }

        for (float y = -20; y < 200; y += 30)
        {
            StreetLamps.Add(new Vector2(-SidewalkOuter + 0.5f, y));
            StreetLamps.Add(new Vector2(SidewalkOuter - 0.5f, y + 15));
        }

        Bgr[] walls = [new(150, 170, 190), new(120, 130, 160), new(170, 160, 150), new(110, 120, 125), new(140, 150, 175)];
        for (int i = 0; i < 7; i++)
        {
            float y = 10 + (i * 32);
            float w = 14 + ((i * 7) % 10);
            Buildings.Add(new StaticBox(new Vector2(SidewalkOuter + 4 + (w / 2), y), new Vector2(w, 26), 9 + ((i * 5) % 14), walls[i % 5], new Bgr(95, 100, 105)));
            Buildings.Add(new StaticBox(new Vector2(-SidewalkOuter - 6 - (w / 2), y + 14), new Vector2(w, 24), 12 + ((i * 3) % 12), walls[(i + 2) % 5], new Bgr(95, 100, 105)));
        }
    }

    public override SceneKind Kind => SceneKind.Road;

    public override IReadOnlyList<Approach> EntryApproaches => Ends;

    public override int LaneKeyCount => 2 * (LanesPerDirection + 1);

    public override float SpeedLimit => 13.9f;

    public override Route PickVehicleRoute(Approach entry, TrafficClass cls, DeterministicRandom rng, out float lateralOffset)
    {
        lateralOffset = 0;
        int dir = entry == Approach.South ? 0 : 1;
        if (cls == TrafficClass.Bicycle)
        {
            return _lanes[dir, LanesPerDirection];
        }

        // Heavy vehicles keep to the two outer lanes, as most cities require.
        int lane = cls is TrafficClass.Bus or TrafficClass.Truck ? 1 + rng.Below(LanesPerDirection - 1) : rng.Below(LanesPerDirection);
        return _lanes[dir, lane];
    }

    public override Route PickPedestrianRoute(Approach entry, DeterministicRandom rng) =>
        _sidewalks[entry == Approach.South ? 0 : 1, rng.Below(2)];

    public override GroundMaterial MaterialAt(float x, float y)
    {
        float ax = MathF.Abs(x);
        if (ax >= SidewalkOuter) return GroundMaterial.Grass;
        if (ax >= CycleLaneOuter + 0.2f) return GroundMaterial.Sidewalk;
        if (ax >= CycleLaneOuter) return GroundMaterial.Kerb;
        if (ax >= HalfRoad + 0.15f) return GroundMaterial.CycleLane;
        if (ax >= HalfRoad) return GroundMaterial.WhiteMarking;
        if (ax is > 0.08f and < 0.22f) return GroundMaterial.YellowMarking;
        float dash = ((y % 12f) + 12f) % 12f;
        for (int k = 1; k < LanesPerDirection; k++)
        {
            if (MathF.Abs(ax - (k * LaneWidth)) < 0.07f && dash < 3.5f)
            {
                return GroundMaterial.WhiteMarking;
            }
        }

        return GroundMaterial.Asphalt;
    }

    public override SceneLayout CreateLayout(TrafficCamera camera)
    {
        const float y0 = CountingY, depth = 10;
        Vector2[] southEntry = [new(0, y0 - depth), new(HalfRoad, y0 - depth), new(HalfRoad, y0), new(0, y0)];
        Vector2[] southExit = [new(-HalfRoad, y0 - depth), new(0, y0 - depth), new(0, y0), new(-HalfRoad, y0)];
        Vector2[] northEntry = [new(-HalfRoad, y0), new(0, y0), new(0, y0 + depth), new(-HalfRoad, y0 + depth)];
        Vector2[] northExit = [new(0, y0), new(HalfRoad, y0), new(HalfRoad, y0 + depth), new(0, y0 + depth)];
        PlaneHomography h = camera.GroundToImage;
        ApproachLayout[] approaches =
        [
            new(Approach.South, 3, 3, Project(camera, southEntry), Project(camera, southExit), (h.Map(new(0, y0)), h.Map(new(HalfRoad, y0))),
                StopLine: false, Vector2.Normalize(h.Map(new(5, y0 + 1)) - h.Map(new(5, y0 - 1))), southEntry, southExit),
            new(Approach.North, 3, 3, Project(camera, northEntry), Project(camera, northExit), (h.Map(new(-HalfRoad, y0)), h.Map(new(0, y0))),
                StopLine: false, Vector2.Normalize(h.Map(new(-5, y0 - 1)) - h.Map(new(-5, y0 + 1))), northEntry, northExit),
        ];
        (Vector2[] image, Vector2[] ground) = Calibration(camera, HalfRoad, 0, 30);
        return new SceneLayout(Kind, camera.Width, camera.Height, camera.GroundToImage, camera.ImageToGround, image, ground, approaches, SpeedLimit);
    }
}
