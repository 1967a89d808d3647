using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>What the <c>eval</c> command runs, checked by <see cref="Validate"/>.</summary>
internal sealed record TrafficEvalSettings
{
    /// <summary>Scenarios, in report order.</summary>
    public required IReadOnlyList<ScenarioOptions> Scenarios { get; init; }

    /// <summary>Simulated time per scenario (after the scenario's own warm-up).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Reporting bin; a multiple of the analytics interval.</summary>
    public TimeSpan Bin { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Seed of the first scenario; scenario i uses <c>Seed + i</c>. Held out from model training.</summary>
    public int Seed { get; init; } = Commands.ModelEvalCommand.HeldOutSeedBase + 100;

    /// <summary>Run the motion gate in front of the detector, as the agent does.</summary>
    public bool MotionGate { get; init; } = true;

    /// <summary>Feed the tracker ground-truth boxes instead of running a detector (debugging the tracker and analytics).</summary>
    public bool OracleDetections { get; init; }

    /// <summary>Tracker thresholds; null: ByteTrack defaults (used with oracle detections).</summary>
    public Tracking.TrackerOptions? Tracker { get; init; }

    /// <summary>Detector settings the run used (null: oracle detections), described in the report.</summary>
    public Detection.DetectorOptions? Detector { get; init; }

    /// <summary>Tracker settings overridden on the command line (KEY=VALUE), named in the report.</summary>
    public IReadOnlyList<string> TrackerOverrides { get; init; } = [];

    /// <summary>Count accuracy every movement and line per class must reach.</summary>
    public double AccuracyTarget { get; init; } = 0.97;

    /// <summary>Count accuracy on the light-traffic scenario.</summary>
    public double LightAccuracyTarget { get; init; } = 0.99;

    /// <summary>Most ID switches per 100 ground-truth tracks on the dense-queue scenario.</summary>
    public double DenseQueueIdSwitchesPer100 { get; init; } = 1.0;

    /// <summary>Most (tracker + analytics) time as a share of the detector's.</summary>
    public double TrackingCostShare { get; init; } = 0.10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option that is out of range.</summary>
    public void Validate()
    {
        if (Scenarios.Count == 0)
        {
            throw new ArgumentException("--scenarios: at least one scenario is needed.");
        }

        if (Duration < TimeSpan.FromSeconds(10) || Duration > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"--minutes: {Duration.TotalMinutes} is out of range; give 10 s to 24 h of simulated time.");
        }

        if (Bin < TimeSpan.FromMinutes(1) || Bin > TimeSpan.FromHours(1) || Bin.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException($"--bin: {Bin.TotalMinutes} minutes; give whole minutes from 1 to 60.");
        }

        if (Seed < 0)
        {
            throw new ArgumentException($"--seed: {Seed} must not be negative.");
        }
    }

    /// <summary>The accuracy target of a scenario.</summary>
    public double TargetFor(string scenario) => string.Equals(scenario, ScenarioCatalog.Light.Name, StringComparison.Ordinal) ? LightAccuracyTarget : AccuracyTarget;
}
