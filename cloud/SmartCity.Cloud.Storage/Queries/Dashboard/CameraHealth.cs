namespace SmartCity.Cloud.Storage.Queries;

/// <summary>One camera pipeline's health over one interval.</summary>
/// <param name="Camera">Camera name.</param>
/// <param name="Fps">Frames processed per second.</param>
/// <param name="InferenceMsMean">Mean inference time, ms; null when the detector did not run.</param>
/// <param name="InferenceMsP95">95th percentile inference time, ms; null when the detector did not run.</param>
/// <param name="FramesDropped">Frames dropped in the interval.</param>
public sealed record CameraHealth(string Camera, double Fps, double? InferenceMsMean, double? InferenceMsP95, long FramesDropped);
