namespace SmartCity.Edge.Simulation.Scenarios;

/// <summary>
/// Everything that defines a synthetic scenario. Presets live in <see cref="ScenarioCatalog"/>; derive
/// variations with <c>with</c> (for example <c>ScenarioCatalog.Light with { Seed = 7 }</c>).
/// </summary>
public sealed record ScenarioOptions
{
    /// <summary>Preset name, used in logs, file names and dataset metadata.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Road geometry.</summary>
    public SceneKind Scene { get; init; } = SceneKind.Intersection;

    /// <summary>Seed used when the scene is created without an explicit one.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Length of the scenario; null plays for ever (live demo).</summary>
    public TimeSpan? Duration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Frames per second of the simulated camera.</summary>
    public double Fps { get; init; } = 10;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 480;

    /// <summary>Timestamp of frame 0.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);

    /// <summary>Simulated time run before frame 0 so that the first frame already shows traffic.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Vehicle arrivals (all vehicle-lane classes, bicycles included) per hour on each approach.</summary>
    public double VehiclesPerHourPerApproach { get; init; } = 300;

    /// <summary>Pedestrian arrivals per hour on each approach's sidewalks.</summary>
    public double PedestriansPerHourPerApproach { get; init; } = 60;

    /// <summary>Class mix of vehicle arrivals.</summary>
    public ClassMix ClassMix { get; init; } = ClassMix.Urban;

    /// <summary>Green time of each approach at the intersection (split phasing: one approach at a time).</summary>
    public TimeSpan GreenTime { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Time of day.</summary>
    public LightingCondition Lighting { get; init; } = LightingCondition.Day;

    /// <summary>Standard deviation of the Gaussian sensor noise, in 8-bit grey levels (0 = none).</summary>
    public double NoiseSigma { get; init; } = 2.5;

    /// <summary>Whether signal heads are drawn (a static-scene preset turns them off so nothing changes).</summary>
    public bool ShowSignalHeads { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    public void Validate()
    {
        static void Fail(string field, string rule, object value) =>
            throw new ArgumentException($"Scenario option '{field}' {rule} (got {value}).");

        if (string.IsNullOrWhiteSpace(Name)) Fail(nameof(Name), "must not be empty", "''");
        if (Duration is { } d && d <= TimeSpan.Zero) Fail(nameof(Duration), "must be positive or null for unbounded", d);
        if (!(Fps is > 0 and <= 240)) Fail(nameof(Fps), "must be in (0, 240]", Fps);
        if (Width is < 64 or > 4096) Fail(nameof(Width), "must be 64–4096", Width);
        if (Height is < 48 or > 4096) Fail(nameof(Height), "must be 48–4096", Height);
        if (WarmUp < TimeSpan.Zero || WarmUp > TimeSpan.FromMinutes(30)) Fail(nameof(WarmUp), "must be 0–30 min", WarmUp);
        if (!(VehiclesPerHourPerApproach is >= 0 and <= 5000)) Fail(nameof(VehiclesPerHourPerApproach), "must be 0–5000", VehiclesPerHourPerApproach);
        if (!(PedestriansPerHourPerApproach is >= 0 and <= 5000)) Fail(nameof(PedestriansPerHourPerApproach), "must be 0–5000", PedestriansPerHourPerApproach);
        if (ClassMix is null) Fail(nameof(ClassMix), "must be set", "null");
        if (ClassMix!.Car < 0 || ClassMix.Bus < 0 || ClassMix.Truck < 0 || ClassMix.Motorcycle < 0 || ClassMix.Bicycle < 0 || !(ClassMix.Total > 0))
        {
            Fail(nameof(ClassMix), "needs non-negative weights with a positive sum", ClassMix);
        }

        if (GreenTime < TimeSpan.FromSeconds(3) || GreenTime > TimeSpan.FromMinutes(2)) Fail(nameof(GreenTime), "must be 3 s–2 min", GreenTime);
        if (!Enum.IsDefined(Lighting)) Fail(nameof(Lighting), "is not a known lighting condition", Lighting);
        if (!Enum.IsDefined(Scene)) Fail(nameof(Scene), "is not a known scene kind", Scene);
        if (!(NoiseSigma is >= 0 and <= 40)) Fail(nameof(NoiseSigma), "must be 0–40", NoiseSigma);
    }

    /// <summary>Number of frames the scenario has, or null when unbounded.</summary>
    public long? FrameCount => Duration is { } d ? (long)Math.Round(d.TotalSeconds * Fps) : null;
}
