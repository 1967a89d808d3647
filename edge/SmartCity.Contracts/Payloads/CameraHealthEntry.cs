namespace SmartCity.Contracts;

/// <summary>One camera pipeline's health over the interval.</summary>
public sealed record CameraHealthEntry
{
    /// <summary>Camera name on the device.</summary>
    public required string Camera { get; init; }

    /// <summary>Frames processed per second.</summary>
    public required double Fps { get; init; }

    /// <summary>Mean detector inference time, ms; null when the detector did not run.</summary>
    public double? InferenceMsMean { get; init; }

    /// <summary>95th percentile inference time, ms; null when the detector did not run.</summary>
    public double? InferenceMsP95 { get; init; }

    /// <summary>Frames dropped in the interval.</summary>
    public required long FramesDropped { get; init; }
}
