using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.World;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>
/// Builds each class from a few boxes and decals: cars with a glass cabin and wheels, buses with a window
/// band, trucks with a cab and a cargo box, two-wheelers with riders, pedestrians with legs, torso and head.
/// Also paints their ground shadows (day) and headlight pools (night) before any object is drawn.
/// </summary>
internal sealed class RoadUserPainter
{
    private static readonly Bgr Glass = new(70, 58, 48);
    private static readonly Bgr Tyre = new(28, 28, 30);
    private static readonly Bgr Chassis = new(45, 45, 48);
    private static readonly Bgr HeadlightDay = new(215, 225, 228);
    private static readonly Bgr HeadlightNight = new(225, 250, 255);
    private static readonly Bgr TailDay = new(40, 40, 160);
    private static readonly Bgr TailNight = new(60, 60, 255);

    private readonly TrafficCamera _camera;
    private readonly Rasterizer _raster;
    private readonly SceneLighting _lighting;
    private readonly SolidPainter _solid;

    public RoadUserPainter(TrafficCamera camera, Rasterizer raster, SceneLighting lighting)
    {
        _camera = camera;
        _raster = raster;
        _lighting = lighting;
        _solid = new SolidPainter(camera, raster, lighting);
    }

    public SolidPainter Solid => _solid;

    /// <summary>Ground shadow (day, dusk) or headlight pool (night) under and ahead of a road user.</summary>
    public void PaintGroundEffect(Span<byte> pixels, in RoadUser u)
    {
        Span<Vector2> pts = stackalloc Vector2[8];
        Span<Vector2> hull = stackalloc Vector2[17];
        Vector2 f = u.Heading, l = new(-f.Y, f.X);
        float hx = u.Length * 0.5f, hy = u.Width * 0.5f;
        if (_lighting.HeadlightGlow)
        {
            if (!u.Class.IsVehicle())
            {
                return;
            }

            Vector2 nose = u.Centre + (f * hx);
            float reach = u.Class == TrafficClass.Motorcycle ? 7f : 11f;
            if (!Ground(nose + (l * hy), out pts[0]) || !Ground(nose - (l * hy), out pts[1])
                || !Ground(nose + (f * reach) - (l * (hy + 1.5f)), out pts[2]) || !Ground(nose + (f * reach) + (l * (hy + 1.5f)), out pts[3]))
            {
                return;
            }

            _raster.Blend(pixels, pts[..4], 256, new Bgr(42, 52, 58));
            return;
        }

        if (_lighting.ShadowScale >= 256)
        {
            return;
        }

        Vector2 shift = _lighting.ShadowPerMetre * (u.Height * 0.8f);
        for (int i = 0; i < 4; i++)
        {
            Vector2 corner = u.Centre + (f * ((i & 1) == 0 ? -hx : hx)) + (l * ((i & 2) == 0 ? -hy : hy));
            if (!Ground(corner, out pts[i]) || !Ground(corner + shift, out pts[i + 4]))
            {
                return;
            }
        }

        int n = ConvexHull(pts, hull);
        _raster.Blend(pixels, hull[..n], _lighting.ShadowScale, default);
    }

    /// <summary>Draws a road user with the given raster id; false when it could not be drawn (behind the camera).</summary>
    public bool Paint(Span<byte> pixels, in RoadUser u, int id)
    {
        _solid.Begin(u.Centre, u.Heading);
        switch (u.Class)
        {
            case TrafficClass.Car: Car(pixels, u, id); break;
            case TrafficClass.Bus: Bus(pixels, u, id); break;
            case TrafficClass.Truck: Truck(pixels, u, id); break;
            case TrafficClass.Motorcycle: Motorcycle(pixels, u, id); break;
            case TrafficClass.Bicycle: Bicycle(pixels, u, id); break;
            default: Pedestrian(pixels, u, id); break;
        }

        return _solid.InFront;
    }

    private void Car(Span<byte> px, in RoadUser u, int id)
    {
        float hx = u.Length / 2, hy = u.Width / 2, belt = 0.25f + ((u.Height - 0.25f) * 0.55f);
        var body = new Vector3(-hx, -hy, 0.25f);
        var bodyTop = new Vector3(hx, hy, belt);
        _solid.Box(px, body, bodyTop, u.Body, u.Body, u.Body, id);
        Wheels(px, body, bodyTop, hx - (u.Length * 0.2f), -hx + (u.Length * 0.2f), 0.33f, id);
        Lamps(px, body, bodyTop, belt - 0.2f, belt - 0.06f, id);
        (float back, float front) = u.Variant switch { 0 => (-0.32f, 0.2f), 1 => (-0.46f, 0.16f), _ => (-0.46f, 0.22f) };
        var cabin = new Vector3(back * u.Length, -hy + 0.08f, belt);
        var cabinTop = new Vector3(front * u.Length, hy - 0.08f, u.Height);
        Bgr roof = u.Variant == 2 ? u.Body.Scale(0.8f) : u.Body;
        _solid.Box(px, cabin, cabinTop, roof, Glass, Glass, id);
        float pillar = (cabinTop.X - cabin.X) * 0.48f;
        _solid.Decal(px, cabin, cabinTop, BoxFace.Left, cabin.X + pillar, cabin.X + pillar + 0.12f, belt, u.Height, u.Body, id);
        _solid.Decal(px, cabin, cabinTop, BoxFace.Right, cabin.X + pillar, cabin.X + pillar + 0.12f, belt, u.Height, u.Body, id);
    }

    private void Bus(Span<byte> px, in RoadUser u, int id)
    {
        float hx = u.Length / 2, hy = u.Width / 2, h = u.Height;
        var min = new Vector3(-hx, -hy, 0.3f);
        var max = new Vector3(hx, hy, h);
        _solid.Box(px, min, max, u.Accent, u.Body, u.Body, id);
        _solid.Decal(px, min, max, BoxFace.Left, -hx + 0.4f, hx - 1.3f, h * 0.45f, h * 0.82f, Glass, id);
        _solid.Decal(px, min, max, BoxFace.Right, -hx + 0.4f, hx - 0.3f, h * 0.45f, h * 0.82f, Glass, id);
        _solid.Decal(px, min, max, BoxFace.Left, hx - 1.2f, hx - 0.2f, 0.35f, h * 0.82f, Glass.Scale(0.8f), id);
        _solid.Decal(px, min, max, BoxFace.Front, -hy + 0.12f, hy - 0.12f, h * 0.38f, h * 0.88f, Glass, id);
        _solid.Decal(px, min, max, BoxFace.Back, -hy + 0.3f, hy - 0.3f, h * 0.6f, h * 0.85f, Glass, id);
        Wheels(px, min, max, hx - 2.4f, -hx + 3.2f, 0.5f, id);
        Lamps(px, min, max, 0.5f, 0.75f, id);
    }

    private void Truck(Span<byte> px, in RoadUser u, int id)
    {
        float hx = u.Length / 2, hy = u.Width / 2;
        var chassis = new Vector3(-hx, -hy + 0.15f, 0.45f);
        var chassisTop = new Vector3(hx - 2.2f, hy - 0.15f, 1.05f);
        var cab = new Vector3(hx - 2.2f, -hy, 0.45f);
        var cabTop = new Vector3(hx, hy, 2.95f);
        var cargo = new Vector3(-hx, -hy, 1.05f);
        var cargoTop = new Vector3(hx - 2.45f, hy, u.Height);
        _solid.Box(px, chassis, chassisTop, Chassis, Chassis, Chassis, id);
        Wheels(px, chassis, chassisTop, -hx + 2.8f, -hx + 1.5f, 0.5f, id);

        // Cab and cargo box side by side: the one farther from the camera first.
        bool cabFirst = _camera.Depth(_solid.ToWorld(hx - 1.1f, 0, 1)) > _camera.Depth(_solid.ToWorld(-1.2f, 0, 1));
        if (!cabFirst)
        {
            Cargo(px, u, cargo, cargoTop, id);
        }

        _solid.Box(px, cab, cabTop, u.Body, u.Body, u.Body, id);
        _solid.Decal(px, cab, cabTop, BoxFace.Front, -hy + 0.12f, hy - 0.12f, 1.75f, 2.7f, Glass, id);
        _solid.Decal(px, cab, cabTop, BoxFace.Left, hx - 1.2f, hx - 0.15f, 1.75f, 2.6f, Glass, id);
        _solid.Decal(px, cab, cabTop, BoxFace.Right, hx - 1.2f, hx - 0.15f, 1.75f, 2.6f, Glass, id);
        Wheels(px, cab, cabTop, hx - 1.2f, hx - 1.2f, 0.5f, id);
        Lamps(px, cab, cabTop, 0.7f, 0.92f, id);
        if (cabFirst)
        {
            Cargo(px, u, cargo, cargoTop, id);
        }
    }

    private void Cargo(Span<byte> px, in RoadUser u, Vector3 min, Vector3 max, int id)
    {
        _solid.Box(px, min, max, u.Accent.Scale(1.06f), u.Accent, u.Accent.Scale(0.92f), id);
        _solid.Decal(px, min, max, BoxFace.Back, 0.02f, 0.08f, min.Z + 0.1f, max.Z - 0.1f, u.Accent.Scale(0.6f), id);
    }

    private void Motorcycle(Span<byte> px, in RoadUser u, int id)
    {
        float hx = u.Length / 2;
        var frame = new Vector3(-hx + 0.3f, -0.18f, 0.3f);
        var frameTop = new Vector3(hx - 0.3f, 0.18f, 0.85f);
        Spokes(px, hx - 0.33f, 0.31f, 0.1f, id);
        Spokes(px, -hx + 0.33f, 0.31f, 0.12f, id);
        _solid.Box(px, frame, frameTop, u.Body, u.Body, u.Body, id);
        Lamps(px, frame, frameTop, 0.65f, 0.8f, id);
        Rider(px, u, -0.35f, 0.85f, u.Accent, Chassis, id);
    }

    private void Bicycle(Span<byte> px, in RoadUser u, int id)
    {
        float hx = u.Length / 2;
        Spokes(px, hx - 0.35f, 0.34f, 0.04f, id);
        Spokes(px, -hx + 0.35f, 0.34f, 0.04f, id);
        _solid.Box(px, new Vector3(-hx + 0.35f, -0.03f, 0.35f), new Vector3(hx - 0.35f, 0.03f, 0.9f), u.Accent, u.Accent, u.Accent, id);
        Rider(px, u, -0.2f, 0.9f, u.Body, new Bgr(70, 40, 30), id);
    }

    private void Pedestrian(Span<byte> px, in RoadUser u, int id)
    {
        float h = u.Height, swing = u.Speed > 0.1f ? 0.16f * MathF.Sin(u.S * 4.2f) : 0;
        float hip = h * 0.48f, shoulder = h * 0.84f;
        _solid.Box(px, new Vector3(-0.08f + swing, 0.01f, 0), new Vector3(0.08f + swing, 0.16f, hip), u.Accent, u.Accent, u.Accent, id);
        _solid.Box(px, new Vector3(-0.08f - swing, -0.16f, 0), new Vector3(0.08f - swing, -0.01f, hip), u.Accent, u.Accent, u.Accent, id);
        _solid.Box(px, new Vector3(-0.13f, -0.23f, hip), new Vector3(0.13f, 0.23f, shoulder), u.Body, u.Body, u.Body, id);
        Bgr skin = RoadUserFactory.SkinOf(u.Variant);
        _solid.Box(px, new Vector3(-0.1f, -0.1f, shoulder + 0.02f), new Vector3(0.1f, 0.1f, h), new Bgr(40, 45, 55), skin, skin, id);
    }

    private void Rider(Span<byte> px, in RoadUser u, float x, float seat, Bgr jacket, Bgr legs, int id)
    {
        float h = u.Height, neck = seat + ((h - seat) * 0.72f);
        _solid.Box(px, new Vector3(x - 0.12f, -0.18f, seat - 0.35f), new Vector3(x + 0.22f, 0.18f, seat), legs, legs, legs, id);
        _solid.Box(px, new Vector3(x - 0.15f, -0.21f, seat), new Vector3(x + 0.15f, 0.21f, neck), jacket, jacket, jacket, id);
        Bgr helmet = (u.Id & 1) == 0 ? new Bgr(235, 235, 235) : new Bgr(35, 35, 35);
        _solid.Box(px, new Vector3(x - 0.12f, -0.12f, neck + 0.02f), new Vector3(x + 0.12f, 0.12f, h), helmet, helmet, RoadUserFactory.SkinOf(u.Variant), id);
    }

    /// <summary>A two-wheeler's wheel: a thin dark disc stand-in.</summary>
    private void Spokes(Span<byte> px, float x, float radius, float halfWidth, int id) =>
        _solid.Box(px, new Vector3(x - radius, -halfWidth, 0), new Vector3(x + radius, halfWidth, 2 * radius), Tyre, Tyre, Tyre, id);

    private void Wheels(Span<byte> px, Vector3 min, Vector3 max, float frontX, float rearX, float radius, int id)
    {
        float d = radius * 2;
        _solid.Decal(px, min, max, BoxFace.Left, frontX - radius, frontX + radius, 0.02f, d, Tyre, id);
        _solid.Decal(px, min, max, BoxFace.Right, frontX - radius, frontX + radius, 0.02f, d, Tyre, id);
        _solid.Decal(px, min, max, BoxFace.Left, rearX - radius, rearX + radius, 0.02f, d, Tyre, id);
        _solid.Decal(px, min, max, BoxFace.Right, rearX - radius, rearX + radius, 0.02f, d, Tyre, id);
    }

    private void Lamps(Span<byte> px, Vector3 min, Vector3 max, float z0, float z1, int id)
    {
        bool on = _lighting.LampsOn;
        Bgr head = on ? HeadlightNight : HeadlightDay, tail = on ? TailNight : TailDay;
        float w = max.Y - min.Y, lamp = MathF.Min(0.3f, w * 0.3f);
        if (w < 1f)
        {
            _solid.Decal(px, min, max, BoxFace.Front, -lamp / 2, lamp / 2, z0, z1, head, id, on);
            _solid.Decal(px, min, max, BoxFace.Back, -lamp / 2, lamp / 2, z0, z1, tail, id, on);
            return;
        }

        _solid.Decal(px, min, max, BoxFace.Front, min.Y + 0.1f, min.Y + 0.1f + lamp, z0, z1, head, id, on);
        _solid.Decal(px, min, max, BoxFace.Front, max.Y - 0.1f - lamp, max.Y - 0.1f, z0, z1, head, id, on);
        _solid.Decal(px, min, max, BoxFace.Back, min.Y + 0.1f, min.Y + 0.1f + lamp, z0, z1, tail, id, on);
        _solid.Decal(px, min, max, BoxFace.Back, max.Y - 0.1f - lamp, max.Y - 0.1f, z0, z1, tail, id, on);
    }

    private bool Ground(Vector2 g, out Vector2 pixel) => _camera.TryProject(new Vector3(g, 0), out pixel);

    /// <summary>Monotone-chain convex hull of a few points (shadow outline); returns the vertex count.</summary>
    private static int ConvexHull(Span<Vector2> points, Span<Vector2> hull)
    {
        // Insertion sort by x then y: eight points.
        for (int i = 1; i < points.Length; i++)
        {
            Vector2 p = points[i];
            int j = i - 1;
            while (j >= 0 && (points[j].X > p.X || (points[j].X == p.X && points[j].Y > p.Y)))
            {
                points[j + 1] = points[j];
                j--;
            }

            points[j + 1] = p;
        }

        int k = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            int start = k;
            for (int n = 0; n < points.Length; n++)
            {
                Vector2 p = points[pass == 0 ? n : points.Length - 1 - n];
                while (k >= start + 2 && Cross(hull[k - 2], hull[k - 1], p) <= 0)
                {
                    k--;
                }

                hull[k++] = p;
            }

            k--;
        }

        return Math.Max(k, 0);
    }

    private static float Cross(Vector2 o, Vector2 a, Vector2 b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
}
