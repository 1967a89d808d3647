namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The dimensions a <see cref="TrafficAggregateQuery"/> keeps apart; every other dimension is summed over.</summary>
[Flags]
public enum TrafficDimensions
{
    /// <summary>Sum over everything: one total series.</summary>
    None = 0,

    /// <summary>Per device.</summary>
    Device = 1,

    /// <summary>Per camera of a device.</summary>
    Camera = 2,

    /// <summary>Per counting line (or movement "from>to").</summary>
    Line = 4,

    /// <summary>Per direction ("in"/"out") or turn ("left", "through", "right", "u_turn").</summary>
    Direction = 8,

    /// <summary>Per road-user class.</summary>
    Class = 16,
}
