using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>The frame sources the field commands (doctor, snapshot, validate) open: the built-in ones plus the synthetic scene.</summary>
internal static class DoctorSources
{
    /// <summary>A factory that also knows the synthetic scene of <paramref name="settings"/> (unpaced: one frame is all these commands need).</summary>
    public static FrameSourceFactory Create(Func<SyntheticSourceSettings> settings)
    {
        var factory = new FrameSourceFactory();
        factory.Register(FrameSourceTypes.Synthetic, (options, pool) =>
        {
            var s = settings();
            var preset = ScenarioCatalog.Get(s.Scenario);
            return new SyntheticTrafficScene(preset with { Duration = null, Seed = s.Seed ?? preset.Seed }, pool);
        });
        return factory;
    }
}
