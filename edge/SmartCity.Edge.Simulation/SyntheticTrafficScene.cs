using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Simulation.Rendering;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Simulation.World;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Simulation;

/// <summary>
/// A deterministic synthetic traffic camera: simulates road users on an intersection or road and renders
/// Bgr24 frames with ground truth. The same options and seed give byte-identical frames and identical ground
/// truth. Frames come from the given <see cref="FramePool"/>; the <see cref="Frame.GroundTruth"/> attached to
/// a frame is one of a small ring of reused instances and stays valid until that frame is disposed, or at
/// most <see cref="GroundTruthRing"/> − 1 further frames; copy it out to keep it longer. One reader at a time.
/// </summary>
public sealed class SyntheticTrafficScene : IFrameSource
{
    /// <summary>Number of ground-truth instances reused in turn.</summary>
    public const int GroundTruthRing = 32;

    private readonly ScenarioOptions _options;
    private readonly FramePool? _pool;
    private readonly TrafficSimulator _sim;
    private readonly SceneRenderer _renderer;
    private readonly FrameGroundTruth[] _truths = new FrameGroundTruth[GroundTruthRing];
    private readonly double _stepSeconds;
    private readonly int _subSteps;
    private readonly long? _frameCount;
    private long _next;

    /// <summary>Creates the scene with the seed given in the options.</summary>
    public SyntheticTrafficScene(ScenarioOptions options, FramePool? pool)
        : this(options, options?.Seed ?? 0, pool)
    {
    }

    /// <summary>Creates the scene.</summary>
    /// <param name="options">Scenario, for example a preset from <see cref="ScenarioCatalog"/>.</param>
    /// <param name="seed">Seed for traffic, appearance and noise.</param>
    /// <param name="pool">Pool the frames of <see cref="ReadAsync"/> are rented from; may be null when only <see cref="RenderNext"/> is used.</param>
    public SyntheticTrafficScene(ScenarioOptions options, int seed, FramePool? pool)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _pool = pool;
        Seed = seed;
        Camera = CreateCamera(options);
        RoadNetwork network = CreateNetwork(options, Camera);
        Layout = network.CreateLayout(Camera);
        SignalController? signals = options.Scene == SceneKind.Intersection ? new SignalController(options.GreenTime) : null;
        ulong s = (ulong)(uint)seed;
        _sim = new TrafficSimulator(network, signals, options, s * 0x9E3779B97F4A7C15UL + 1);
        _renderer = new SceneRenderer(Camera, network, new SceneLighting(options.Lighting), options.NoiseSigma, options.ShowSignalHeads, s);
        for (int i = 0; i < _truths.Length; i++)
        {
            _truths[i] = new FrameGroundTruth(128);
        }

        // Sub-steps keep the car-following model stable at low frame rates.
        _subSteps = Math.Max(1, (int)Math.Ceiling(1.0 / options.Fps / 0.1));
        _stepSeconds = 1.0 / options.Fps / _subSteps;
        _frameCount = options.FrameCount;
        for (double t = 0; t < options.WarmUp.TotalSeconds; t += _stepSeconds)
        {
            _sim.Step((float)_stepSeconds);
        }
    }

    /// <summary>
    /// The layout a scene with these options has (it depends on the scene kind and image size only), without
    /// painting the background or simulating the warm-up: for configuring analytics before the camera opens.
    /// </summary>
    public static SceneLayout LayoutFor(ScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var camera = CreateCamera(options);
        return CreateNetwork(options, camera).CreateLayout(camera);
    }

    private static RoadNetwork CreateNetwork(ScenarioOptions options, TrafficCamera camera) =>
        options.Scene == SceneKind.Road ? new StraightRoadNetwork(camera) : new IntersectionNetwork(camera);

    /// <inheritdoc />
    public string Name => $"synthetic:{_options.Name}#{Seed}";

    /// <inheritdoc />
    public int Width => _options.Width;

    /// <inheritdoc />
    public int Height => _options.Height;

    /// <inheritdoc />
    public double NominalFps => _options.Fps;

    /// <summary>The scenario being played.</summary>
    public ScenarioOptions Options => _options;

    /// <summary>The seed in use.</summary>
    public int Seed { get; }

    /// <summary>The simulated camera (pose, intrinsics, ground↔image homographies).</summary>
    public TrafficCamera Camera { get; }

    /// <summary>Approaches, zones, counting lines and homography in image pixels, for configuring analytics.</summary>
    public SceneLayout Layout { get; }

    /// <summary>Index of the next frame to render.</summary>
    public long NextFrameIndex => _next;

    /// <summary>Frames in the scenario, or null when unbounded.</summary>
    public long? FrameCount => _frameCount;

    /// <summary>Name of the current signal phase ("S-green", "ped-walk" …), or null on a road without signals.</summary>
    public string? SignalPhase => _sim.Signals?.PhaseName;

    /// <summary>What the signal shows to an approach now; roads without signals always show green.</summary>
    public SignalAspect AspectFor(Approach approach) => _sim.Signals?.AspectFor(approach) ?? SignalAspect.Green;

    /// <summary>Number of simulated road users (including those out of view).</summary>
    public int RoadUserCount => _sim.ActiveCount;

    /// <summary>Copies the state of the road users into <paramref name="destination"/>; returns how many were copied.</summary>
    public int CopyRoadUsers(Span<RoadUserState> destination)
    {
        int n = Math.Min(destination.Length, _sim.ActiveCount);
        for (int i = 0; i < n; i++)
        {
            destination[i] = TrafficSimulator.StateOf(_sim.UserAt(i));
        }

        return n;
    }

    /// <summary>Timestamp of frame <paramref name="index"/>: start time + index / fps.</summary>
    public DateTimeOffset TimestampOf(long index) => _options.StartTime + TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / _options.Fps));

    /// <summary>
    /// Renders the next frame into <paramref name="target"/> (Bgr24, the scene's size) and advances the
    /// simulation by one frame interval. Sets sequence, timestamp and ground truth. False at the end of the
    /// scenario (nothing rendered).
    /// </summary>
    public bool RenderNext(Frame target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Width != Width || target.Height != Height || target.Format != PixelFormat.Bgr24)
        {
            throw new ArgumentException($"The scene renders {Width}x{Height} Bgr24 frames; got {target.Width}x{target.Height} {target.Format}.", nameof(target));
        }

        if (_next >= _frameCount)
        {
            return false;
        }

        FrameGroundTruth truth = _truths[_next % GroundTruthRing];
        _renderer.Render(target.Pixels, _sim, truth);
        target.Sequence = _next;
        target.Timestamp = TimestampOf(_next);
        target.GroundTruth = truth;
        _next++;
        for (int i = 0; i < _subSteps; i++)
        {
            _sim.Step((float)_stepSeconds);
        }

        return true;
    }

    /// <inheritdoc />
    public ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_pool is null)
        {
            throw new InvalidOperationException("This scene was created without a frame pool; use RenderNext.");
        }

        if (_next >= _frameCount)
        {
            return ValueTask.FromResult<Frame?>(null);
        }

        Frame frame = _pool.Rent(Width, Height, PixelFormat.Bgr24);
        RenderNext(frame);
        return ValueTask.FromResult<Frame?>(frame);
    }

    /// <summary>The background without road users or noise, Bgr24 (for calibration snapshots).</summary>
    public ReadOnlySpan<byte> Background => _renderer.Background;

    /// <summary>Nothing to release: the scene holds only managed memory, and frames go back to their pool when disposed.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A pole camera south-west of the scene looking north-north-east, scaled to the image size.</summary>
    private static TrafficCamera CreateCamera(ScenarioOptions o) => o.Scene == SceneKind.Road
        ? new TrafficCamera(new Vector3(-15f, -24f, 9f), 14f, 20f, o.Width, o.Height, 64f)
        : new TrafficCamera(new Vector3(-8f, -29f, 12f), 10f, 29f, o.Width, o.Height, 74f);
}
