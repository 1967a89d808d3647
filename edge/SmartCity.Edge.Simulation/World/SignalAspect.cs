namespace SmartCity.Edge.Simulation.World;

/// <summary>What a signal head shows to one approach.</summary>
public enum SignalAspect
{
    /// <summary>Stop (roads without signals report <see cref="Green"/> for every approach).</summary>
    Red,

    /// <summary>Stop if you safely can.</summary>
    Amber,

    /// <summary>Go.</summary>
    Green,
}
