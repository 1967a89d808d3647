using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.World;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>
/// Paints the static part of the scene once: sky, ground materials with texture (2×2 supersampled so lane
/// markings do not shimmer into stairs), distance haze, street lamp pools at night, buildings and lamp posts.
/// </summary>
internal static class BackgroundPainter
{
    private const float HazeDistance = 420f;

    public static byte[] Paint(TrafficCamera camera, RoadNetwork network, SceneLighting lighting, ulong seed)
    {
        int w = camera.Width, h = camera.Height;
        var pixels = new byte[w * h * 3];
        PlaneHomography toGround = camera.ImageToGround;
        Bgr haze = lighting.SkyHorizon.Mix(new Bgr(160, 160, 160), 0.3f);
        Span<float> acc = stackalloc float[3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                acc.Clear();
                for (int sy = 0; sy < 2; sy++)
                {
                    for (int sx = 0; sx < 2; sx++)
                    {
                        Bgr c = Sample(camera, toGround, network, lighting, haze, x + 0.25f + (sx * 0.5f), y + 0.25f + (sy * 0.5f), seed);
                        acc[0] += c.B;
                        acc[1] += c.G;
                        acc[2] += c.R;
                    }
                }

                int o = ((y * w) + x) * 3;
                pixels[o] = (byte)((acc[0] / 4) + 0.5f);
                pixels[o + 1] = (byte)((acc[1] / 4) + 0.5f);
                pixels[o + 2] = (byte)((acc[2] / 4) + 0.5f);
            }
        }

        PaintStructures(pixels, camera, network, lighting);
        return pixels;
    }

    private static Bgr Sample(TrafficCamera camera, PlaneHomography toGround, RoadNetwork network, SceneLighting lighting, Bgr haze, float px, float py, ulong seed)
    {
        Bgr sky = lighting.SkyTop.Mix(lighting.SkyHorizon, Math.Clamp(py / camera.Height * 2.2f, 0, 1));
        if (!toGround.TryMap(new Vector2(px, py), out Vector2 g))
        {
            return sky;
        }

        float distance = Vector2.Distance(g, new Vector2(camera.Position.X, camera.Position.Y));
        if (distance > HazeDistance * 1.6f)
        {
            return haze;
        }

        GroundMaterial m = network.MaterialAt(g.X, g.Y);
        Bgr baseColour = m switch
        {
            GroundMaterial.Asphalt => new Bgr(92, 90, 88),
            GroundMaterial.Sidewalk => new Bgr(160, 165, 170),
            GroundMaterial.Kerb => new Bgr(195, 198, 200),
            GroundMaterial.WhiteMarking => new Bgr(225, 228, 230),
            GroundMaterial.YellowMarking => new Bgr(40, 190, 225),
            GroundMaterial.CycleLane => new Bgr(70, 80, 150),
            _ => new Bgr(60, 125, 95),
        };

        // Texture: a per-decimetre hash gives asphalt grain and patchy grass without any stored texture.
        uint cell = Hash((int)MathF.Floor(g.X * 10), (int)MathF.Floor(g.Y * 10), seed);
        uint patch = Hash((int)MathF.Floor(g.X * 0.5f), (int)MathF.Floor(g.Y * 0.5f), seed ^ 0x5bd1e995UL);
        float grain = 0.93f + ((cell & 0xFF) / 255f * 0.12f) + (((patch & 0xFF) / 255f) - 0.5f) * (m == GroundMaterial.Grass ? 0.07f : 0.04f);
        Bgr lit = lighting.Lit(baseColour, grain);
        if (lighting.LampsOn)
        {
            foreach (Vector2 lamp in network.StreetLamps)
            {
                float d2 = Vector2.DistanceSquared(lamp, g);
                if (d2 < 100f)
                {
                    float k = 1 - (d2 / 100f);
                    float gain = (lighting.HeadlightGlow ? 0.75f : 0.3f) * k * k;
                    lit = lit.Mix(baseColour.Scale(0.85f, 0.95f, 1.1f), gain);
                }
            }
        }

        return lit.Mix(haze, Math.Clamp(distance / HazeDistance, 0, 1) * 0.85f);
    }

    private static void PaintStructures(byte[] pixels, TrafficCamera camera, RoadNetwork network, SceneLighting lighting)
    {
        var raster = new Rasterizer(camera.Width, camera.Height, 1);
        var solid = new SolidPainter(camera, raster, lighting);
        var order = new List<(float Depth, int Index)>();
        for (int i = 0; i < network.Buildings.Count; i++)
        {
            order.Add((camera.Depth(new Vector3(network.Buildings[i].Centre, 0)), i));
        }

        for (int i = 0; i < network.StreetLamps.Count; i++)
        {
            order.Add((camera.Depth(new Vector3(network.StreetLamps[i], 0)), -1 - i));
        }

        order.Sort((a, b) => b.Depth.CompareTo(a.Depth));
        Bgr window = lighting.LampsOn ? new Bgr(120, 200, 240) : new Bgr(90, 75, 60);
        foreach ((float depth, int index) in order)
        {
            if (index < 0)
            {
                Vector2 lamp = network.StreetLamps[-1 - index];
                if (Vector2.Distance(lamp, new Vector2(camera.Position.X, camera.Position.Y)) < 15f)
                {
                    // A post right in front of the lens would hide half the picture.
                    continue;
                }

                solid.Begin(lamp, Vector2.UnitY);
                Bgr pole = new(70, 72, 75);
                solid.Box(pixels, new Vector3(-0.08f, -0.08f, 0), new Vector3(0.08f, 0.08f, 7f), pole, pole, pole, 0);
                Bgr head = lighting.LampsOn ? new Bgr(200, 245, 255) : new Bgr(170, 170, 170);
                solid.Box(pixels, new Vector3(-0.25f, -0.25f, 7f), new Vector3(0.25f, 0.25f, 7.25f), head, head, head, 0);
                continue;
            }

            StaticBox b = network.Buildings[index];
            if (depth < 1)
            {
                continue;
            }

            var min = new Vector3(-b.Size.X / 2, -b.Size.Y / 2, 0);
            var max = new Vector3(b.Size.X / 2, b.Size.Y / 2, b.Height);
            solid.Begin(b.Centre, Vector2.UnitX);
            if (!solid.Box(pixels, min, max, b.Roof, b.Wall, b.Wall.Scale(0.92f), 0))
            {
                continue;
            }

            int n = 0;
            for (float z = 1.2f; z + 1.5f < b.Height; z += 3.2f)
            {
                for (float u = 1.5f; u + 1.4f < MathF.Max(b.Size.X, b.Size.Y); u += 3f, n++)
                {
                    bool lit = lighting.LampsOn && (Hash(index, n, 7) % 3) == 0;
                    Bgr c = lit ? window : new Bgr(90, 75, 60);
                    if (u + 1.4f < b.Size.X)
                    {
                        solid.Decal(pixels, min, max, BoxFace.Left, min.X + u, min.X + u + 1.4f, z, z + 1.5f, c, 0, lit);
                        solid.Decal(pixels, min, max, BoxFace.Right, min.X + u, min.X + u + 1.4f, z, z + 1.5f, c, 0, lit);
                    }

                    if (u + 1.4f < b.Size.Y)
                    {
                        solid.Decal(pixels, min, max, BoxFace.Front, min.Y + u, min.Y + u + 1.4f, z, z + 1.5f, c, 0, lit);
                        solid.Decal(pixels, min, max, BoxFace.Back, min.Y + u, min.Y + u + 1.4f, z, z + 1.5f, c, 0, lit);
                    }
                }
            }
        }
    }

    private static uint Hash(int x, int y, ulong seed)
    {
        ulong h = ((ulong)(uint)x * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)y * 0xC2B2AE3D27D4EB4FUL) ^ seed;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 29;
        return (uint)h;
    }
}
