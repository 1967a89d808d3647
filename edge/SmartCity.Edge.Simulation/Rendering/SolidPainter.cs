using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>
/// Draws boxes and flat decals (windows, wheels, lamps) of one object placed on the ground at a pose,
/// culling faces that look away from the camera, shading faces by orientation, and keeping the image-space
/// bounds of everything drawn. One object at a time: <see cref="Begin"/>, then parts far to near.
/// </summary>
internal sealed class SolidPainter
{
    private const float DecalLift = 0.015f;
    private static readonly Vector2 SunDirection = Vector2.Normalize(new Vector2(-0.6f, -0.8f));

    private readonly TrafficCamera _camera;
    private readonly Rasterizer _raster;
    private readonly SceneLighting _lighting;
    private Vector2 _centre;
    private Vector2 _forward;
    private Vector2 _left;

    public SolidPainter(TrafficCamera camera, Rasterizer raster, SceneLighting lighting)
    {
        _camera = camera;
        _raster = raster;
        _lighting = lighting;
    }

    public float MinX { get; private set; }

    public float MinY { get; private set; }

    public float MaxX { get; private set; }

    public float MaxY { get; private set; }

    /// <summary>False when part of the object was behind the camera and it was skipped.</summary>
    public bool InFront { get; private set; }

    public void Begin(Vector2 centre, Vector2 heading)
    {
        _centre = centre;
        _forward = heading;
        _left = new Vector2(-heading.Y, heading.X);
        MinX = MinY = float.MaxValue;
        MaxX = MaxY = float.MinValue;
        InFront = true;
    }

    public Vector3 ToWorld(float x, float y, float z)
    {
        Vector2 g = _centre + (_forward * x) + (_left * y);
        return new Vector3(g, z);
    }

    /// <summary>Projects the box corners; false (and nothing drawn) when any is behind the camera.</summary>
    public bool Box(Span<byte> pixels, Vector3 min, Vector3 max, Bgr top, Bgr sides, Bgr ends, int id) =>
        Box(pixels, min, max, top, sides, ends, ends, id);

    public bool Box(Span<byte> pixels, Vector3 min, Vector3 max, Bgr top, Bgr sides, Bgr front, Bgr back, int id)
    {
        if (!InFront)
        {
            return false;
        }

        Span<Vector2> c = stackalloc Vector2[8];
        for (int i = 0; i < 8; i++)
        {
            Vector3 w = ToWorld((i & 1) == 0 ? min.X : max.X, (i & 2) == 0 ? min.Y : max.Y, (i & 4) == 0 ? min.Z : max.Z);
            if (!_camera.TryProject(w, out c[i]))
            {
                InFront = false;
                return false;
            }

            MinX = MathF.Min(MinX, c[i].X);
            MaxX = MathF.Max(MaxX, c[i].X);
            MinY = MathF.Min(MinY, c[i].Y);
            MaxY = MathF.Max(MaxY, c[i].Y);
        }

        Vector3 mid = (min + max) * 0.5f;
        Span<Vector2> quad = stackalloc Vector2[4];
        if (Faces(new Vector3(mid.X, mid.Y, max.Z), Vector3.UnitZ))
        {
            Quad(pixels, c, quad, 4, 5, 7, 6, _lighting.Lit(top, 1f), id);
        }

        Face(pixels, c, quad, new Vector3(max.X, mid.Y, mid.Z), _forward, 1, 3, 7, 5, front, id);
        Face(pixels, c, quad, new Vector3(min.X, mid.Y, mid.Z), -_forward, 0, 4, 6, 2, back, id);
        Face(pixels, c, quad, new Vector3(mid.X, max.Y, mid.Z), _left, 2, 6, 7, 3, sides, id);
        Face(pixels, c, quad, new Vector3(mid.X, min.Y, mid.Z), -_left, 0, 1, 5, 4, sides, id);
        return true;
    }

    /// <summary>
    /// A rectangle on one face of the box (min, max): u runs along the face (x on the sides, y on the ends),
    /// z up. Emissive decals (lamps at night) ignore the ambient light.
    /// </summary>
    public void Decal(Span<byte> pixels, Vector3 min, Vector3 max, BoxFace face, float u0, float u1, float z0, float z1, Bgr colour, int id, bool emissive = false)
    {
        if (!InFront)
        {
            return;
        }

        Vector3 a, b, d, e, normal;
        switch (face)
        {
            case BoxFace.Front:
                a = new(max.X + DecalLift, u0, z0); b = new(max.X + DecalLift, u1, z0);
                d = new(max.X + DecalLift, u1, z1); e = new(max.X + DecalLift, u0, z1); normal = new(1, 0, 0);
                break;
            case BoxFace.Back:
                a = new(min.X - DecalLift, u0, z0); b = new(min.X - DecalLift, u1, z0);
                d = new(min.X - DecalLift, u1, z1); e = new(min.X - DecalLift, u0, z1); normal = new(-1, 0, 0);
                break;
            case BoxFace.Left:
                a = new(u0, max.Y + DecalLift, z0); b = new(u1, max.Y + DecalLift, z0);
                d = new(u1, max.Y + DecalLift, z1); e = new(u0, max.Y + DecalLift, z1); normal = new(0, 1, 0);
                break;
            case BoxFace.Right:
                a = new(u0, min.Y - DecalLift, z0); b = new(u1, min.Y - DecalLift, z0);
                d = new(u1, min.Y - DecalLift, z1); e = new(u0, min.Y - DecalLift, z1); normal = new(0, -1, 0);
                break;
            default:
                // On the top, z0..z1 is the y range.
                a = new(u0, z0, max.Z + DecalLift); b = new(u1, z0, max.Z + DecalLift);
                d = new(u1, z1, max.Z + DecalLift); e = new(u0, z1, max.Z + DecalLift); normal = new(0, 0, 1);
                break;
        }

        Vector3 worldNormal = new((_forward * normal.X) + (_left * normal.Y), normal.Z);
        Vector3 centre = (a + d) * 0.5f;
        if (!Faces(ToWorld(centre.X, centre.Y, centre.Z), worldNormal))
        {
            return;
        }

        Span<Vector2> quad = stackalloc Vector2[4];
        if (!_camera.TryProject(ToWorld(a.X, a.Y, a.Z), out quad[0]) || !_camera.TryProject(ToWorld(b.X, b.Y, b.Z), out quad[1])
            || !_camera.TryProject(ToWorld(d.X, d.Y, d.Z), out quad[2]) || !_camera.TryProject(ToWorld(e.X, e.Y, e.Z), out quad[3]))
        {
            return;
        }

        Bgr c = emissive ? colour : _lighting.Lit(colour, normal.Z > 0 ? 1f : Shade(worldNormal));
        _raster.Fill(pixels, quad, c, id);
    }

    private void Face(Span<byte> pixels, Span<Vector2> c, Span<Vector2> quad, Vector3 localCentre, Vector2 normal, int i0, int i1, int i2, int i3, Bgr colour, int id)
    {
        var n = new Vector3(normal, 0);
        if (Faces(ToWorld(localCentre.X, localCentre.Y, localCentre.Z), n))
        {
            Quad(pixels, c, quad, i0, i1, i2, i3, _lighting.Lit(colour, Shade(n)), id);
        }
    }

    private void Quad(Span<byte> pixels, Span<Vector2> c, Span<Vector2> quad, int i0, int i1, int i2, int i3, Bgr colour, int id)
    {
        quad[0] = c[i0];
        quad[1] = c[i1];
        quad[2] = c[i2];
        quad[3] = c[i3];
        _raster.Fill(pixels, quad, colour, id);
    }

    private bool Faces(Vector3 worldPoint, Vector3 worldNormal) => Vector3.Dot(worldNormal, _camera.Position - worldPoint) > 0;

    /// <summary>Vertical faces turned to the sun are lighter, so the three visible faces of a box read as a solid.</summary>
    private static float Shade(Vector3 normal) => 0.68f + (0.22f * Vector2.Dot(new Vector2(normal.X, normal.Y), SunDirection));
}
