namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>
/// Ground calibration: image points (pixels) and where they lie on the ground (metres, any flat coordinate
/// frame, for example x east and y north). Four pairs give an exact homography; more are fitted by least
/// squares and the residual says how well they agree.
/// </summary>
public sealed class CalibrationOptions
{
    /// <summary>At least four <c>[x, y]</c> image points.</summary>
    public float[][] ImagePoints { get; set; } = [];

    /// <summary>The matching <c>[x, y]</c> ground points in metres.</summary>
    public float[][] GroundPoints { get; set; } = [];

    /// <summary>Largest accepted reprojection residual (root mean square, metres).</summary>
    public double MaxResidualMetres { get; set; } = 0.5;
}
