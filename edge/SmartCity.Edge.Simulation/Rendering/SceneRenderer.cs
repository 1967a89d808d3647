using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.World;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>
/// Renders one frame: the cached background, signal heads, shadows or headlight pools, then the road users
/// back to front (painter's algorithm, nearest last so it occludes), ground truth from the id buffer, and
/// sensor noise last (it changes pixels, never the ground truth). Allocates nothing per frame.
/// </summary>
internal sealed class SceneRenderer
{
    private readonly TrafficCamera _camera;
    private readonly byte[] _background;
    private readonly Rasterizer _raster;
    private readonly RoadUserPainter _users;
    private readonly SignalHeadPainter? _signals;
    private readonly SensorNoise _noise;
    private readonly int[] _order = new int[TrafficSimulator.Capacity];
    private readonly float[] _key = new float[TrafficSimulator.Capacity];
    private readonly Vector4[] _bounds = new Vector4[TrafficSimulator.Capacity];

    public SceneRenderer(TrafficCamera camera, RoadNetwork network, SceneLighting lighting, double noiseSigma, bool showSignalHeads, ulong seed)
    {
        _camera = camera;
        _raster = new Rasterizer(camera.Width, camera.Height, TrafficSimulator.Capacity);
        _background = BackgroundPainter.Paint(camera, network, lighting, seed);
        _users = new RoadUserPainter(camera, _raster, lighting);
        if (showSignalHeads && network.SignalHeads.Count > 0)
        {
            _signals = new SignalHeadPainter(_users.Solid, network.SignalHeads);
        }

        _noise = new SensorNoise(noiseSigma, seed ^ 0xA5A5_5A5A_1234_4321UL);
    }

    /// <summary>The background alone (no road users, no noise), for tests and calibration snapshots.</summary>
    public ReadOnlySpan<byte> Background => _background;

    public void Render(Span<byte> pixels, TrafficSimulator sim, FrameGroundTruth truth)
    {
        _background.CopyTo(pixels);
        if (_signals is not null && sim.Signals is not null)
        {
            _signals.Paint(pixels, sim.Signals);
        }

        int count = SortByDepth(sim);
        _raster.BeginFrame(count);
        for (int k = 0; k < count; k++)
        {
            _users.PaintGroundEffect(pixels, sim.UserAt(_order[k]));
        }

        for (int k = 0; k < count; k++)
        {
            SolidPainter solid = _users.Solid;
            bool drawn = _users.Paint(pixels, sim.UserAt(_order[k]), k + 1);
            _bounds[k] = drawn ? new Vector4(solid.MinX, solid.MinY, solid.MaxX, solid.MaxY) : default;
        }

        truth.Clear();
        truth.SignalPhase = sim.Signals?.PhaseName;
        int w = _raster.Width, h = _raster.Height;
        for (int k = 0; k < count; k++)
        {
            int painted = _raster.PaintedPixels(k + 1);
            if (painted == 0 || _bounds[k] == default)
            {
                continue;
            }

            Vector4 b = _bounds[k];
            var full = new BoxF(b.X, b.Y, b.Z, b.W);
            BoxF clipped = full.Clip(w, h);
            float inImage = full.Area > 0 ? clipped.Area / full.Area : 0;
            float visibility = Math.Clamp(_raster.VisiblePixels(k + 1) / (float)painted * inImage, 0, 1);
            ref RoadUser u = ref sim.UserAt(_order[k]);
            truth.Add(new GroundTruthObject(u.Id, u.Class, clipped, u.Route.Entry, u.Route.Exit, visibility));
        }

        _noise.Apply(pixels, w * 3, h);
    }

    /// <summary>Orders road users by the lowest image row of their footprint: lower in the picture is nearer.</summary>
    private int SortByDepth(TrafficSimulator sim)
    {
        int n = 0;
        for (int i = 0; i < sim.ActiveCount; i++)
        {
            ref RoadUser u = ref sim.UserAt(i);
            if (float.IsNaN(u.Centre.X))
            {
                continue;
            }

            // The whole bounding solid must be in front of the lens: a road user passing under the camera is
            // skipped entirely rather than drawn in part without ground truth.
            Vector2 f = u.Heading * ((u.Length * 0.5f) + 0.1f), l = new Vector2(-u.Heading.Y, u.Heading.X) * ((u.Width * 0.5f) + 0.1f);
            float bottom = float.MinValue;
            bool inFront = true;
            for (int c = 0; c < 8 && inFront; c++)
            {
                Vector2 g = u.Centre + ((c & 1) == 0 ? f : -f) + ((c & 2) == 0 ? l : -l);
                inFront = _camera.TryProject(new Vector3(g, (c & 4) == 0 ? 0 : u.Height + 0.1f), out Vector2 p);
                if ((c & 4) == 0)
                {
                    bottom = MathF.Max(bottom, p.Y);
                }
            }

            if (!inFront)
            {
                continue;
            }

            int j = n++;
            while (j > 0 && _key[j - 1] > bottom)
            {
                _key[j] = _key[j - 1];
                _order[j] = _order[j - 1];
                j--;
            }

            _key[j] = bottom;
            _order[j] = i;
        }

        return n;
    }
}
