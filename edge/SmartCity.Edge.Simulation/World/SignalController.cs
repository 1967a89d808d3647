using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// Fixed-time split phasing: each approach in turn gets green, amber and an all-red clearance; then an
/// exclusive pedestrian phase (walk, then clearance while crossers finish). One approach moving at a time
/// means no conflicting vehicle movements in the junction, so the simple car-following model cannot crash.
/// </summary>
internal sealed class SignalController
{
    private const double AmberSeconds = 3;
    private const double AllRedSeconds = 1.5;
    private const double WalkSeconds = 6;
    private const double PedestrianClearSeconds = 13;

    private readonly SignalPhase[] _phases;
    private int _index;
    private double _elapsed;

    public SignalController(TimeSpan greenTime)
    {
        double g = greenTime.TotalSeconds;
        _phases =
        [
            new("N-green", Approach.North, SignalAspect.Green, false, g),
            new("N-amber", Approach.North, SignalAspect.Amber, false, AmberSeconds),
            new("all-red", Approach.None, SignalAspect.Red, false, AllRedSeconds),
            new("E-green", Approach.East, SignalAspect.Green, false, g),
            new("E-amber", Approach.East, SignalAspect.Amber, false, AmberSeconds),
            new("all-red", Approach.None, SignalAspect.Red, false, AllRedSeconds),
            new("S-green", Approach.South, SignalAspect.Green, false, g),
            new("S-amber", Approach.South, SignalAspect.Amber, false, AmberSeconds),
            new("all-red", Approach.None, SignalAspect.Red, false, AllRedSeconds),
            new("W-green", Approach.West, SignalAspect.Green, false, g),
            new("W-amber", Approach.West, SignalAspect.Amber, false, AmberSeconds),
            new("all-red", Approach.None, SignalAspect.Red, false, AllRedSeconds),
            new("ped-walk", Approach.None, SignalAspect.Red, true, WalkSeconds),
            new("ped-clear", Approach.None, SignalAspect.Red, false, PedestrianClearSeconds),
        ];
    }

    /// <summary>Name of the current phase, for example "S-green" or "ped-walk".</summary>
    public string PhaseName => _phases[_index].Name;

    /// <summary>Pedestrians waiting at the kerb may start crossing.</summary>
    public bool PedestriansMayStart => _phases[_index].PedestrianWalk;

    /// <summary>Length of one full cycle in seconds.</summary>
    public double CycleSeconds
    {
        get
        {
            double sum = 0;
            foreach (SignalPhase p in _phases)
            {
                sum += p.Seconds;
            }

            return sum;
        }
    }

    public SignalAspect AspectFor(Approach approach)
    {
        SignalPhase p = _phases[_index];
        return p.Moving == approach && approach != Approach.None ? p.Aspect : SignalAspect.Red;
    }

    public void Advance(double seconds)
    {
        _elapsed += seconds;
        while (_elapsed >= _phases[_index].Seconds)
        {
            _elapsed -= _phases[_index].Seconds;
            _index = (_index + 1) % _phases.Length;
        }
    }
}
