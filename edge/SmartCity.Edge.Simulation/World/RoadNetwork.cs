using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// The static world of a scene: routes road users follow, what the ground looks like, buildings, lamps and
/// signal heads, and the layout analytics need. Built once per scene for its camera.
/// </summary>
internal abstract class RoadNetwork
{
    public abstract SceneKind Kind { get; }

    /// <summary>Approaches where road users arrive.</summary>
    public abstract IReadOnlyList<Approach> EntryApproaches { get; }

    /// <summary>Number of entry lane keys (<see cref="Route.EntryLane"/> is below it).</summary>
    public abstract int LaneKeyCount { get; }

    /// <summary>Free-flow speed of cars, m/s.</summary>
    public abstract float SpeedLimit { get; }

    public List<StaticBox> Buildings { get; } = [];

    public List<Vector2> StreetLamps { get; } = [];

    public List<SignalHead> SignalHeads { get; } = [];

    public abstract GroundMaterial MaterialAt(float x, float y);

    /// <summary>Picks a route for a vehicle-lane arrival; <paramref name="lateralOffset"/> moves it towards the kerb (bicycles).</summary>
    public abstract Route PickVehicleRoute(Approach entry, TrafficClass cls, DeterministicRandom rng, out float lateralOffset);

    public abstract Route PickPedestrianRoute(Approach entry, DeterministicRandom rng);

    public abstract SceneLayout CreateLayout(TrafficCamera camera);

    /// <summary>
    /// How far an arm must reach so that road users appear and vanish outside the picture: the last distance
    /// where the road (up to 4 m above it) is in view, plus the longest vehicle.
    /// </summary>
    protected static float ArmLength(TrafficCamera camera, Vector2 outward, float halfWidth, float from, float max)
    {
        var side = new Vector2(outward.Y, -outward.X);
        float last = from;
        for (float d = from; d <= max; d += 1f)
        {
            for (int k = -1; k <= 1; k++)
            {
                Vector2 g = (outward * d) + (side * (k * halfWidth));
                if (InView(camera, new Vector3(g, 0)) || InView(camera, new Vector3(g, 4)))
                {
                    last = d;
                }
            }
        }

        return MathF.Min(last + 16f, max);
    }

    private static bool InView(TrafficCamera camera, Vector3 p) =>
        camera.TryProject(p, out Vector2 px) && px.X > -8 && px.X < camera.Width + 8 && px.Y > -8 && px.Y < camera.Height + 8;

    protected static Vector2[] Project(TrafficCamera camera, ReadOnlySpan<Vector2> ground)
    {
        var result = new Vector2[ground.Length];
        for (int i = 0; i < ground.Length; i++)
        {
            result[i] = camera.GroundToImage.Map(ground[i]);
        }

        return result;
    }

    /// <summary>Four calibration points: the corners of a ground rectangle around the centre of the scene.</summary>
    protected static (Vector2[] Image, Vector2[] Ground) Calibration(TrafficCamera camera, float halfX, float nearY, float farY)
    {
        Vector2[] ground = [new(-halfX, nearY), new(halfX, nearY), new(halfX, farY), new(-halfX, farY)];
        return (Project(camera, ground), ground);
    }
}
