namespace SmartCity.Contracts;

/// <summary>Queue behind one approach's stop line over the interval, metres on the ground.</summary>
public sealed record QueueEntry
{
    /// <summary>Approach name.</summary>
    public required string Approach { get; init; }

    /// <summary>Most stopped vehicles in the queue zone in any frame.</summary>
    public required int MaxVehicles { get; init; }

    /// <summary>Longest queue, metres.</summary>
    public required double MaxM { get; init; }

    /// <summary>Queue length averaged over the interval, metres (0 when empty).</summary>
    public required double MeanM { get; init; }
}
