namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>A checked image-to-ground calibration and how well its point pairs agree.</summary>
/// <param name="ImageToGround">Image pixels to ground metres.</param>
/// <param name="RmsResidualMetres">Root-mean-square distance between the mapped image points and their ground points.</param>
/// <param name="MaxResidualMetres">Largest such distance.</param>
/// <param name="ConditionNumber">
/// Ratio of the largest to the second-smallest singular value of the normalised DLT system: large means the points
/// barely pin the mapping down (nearly collinear).
/// </param>
public sealed record GroundCalibration(Homography ImageToGround, double RmsResidualMetres, double MaxResidualMetres, double ConditionNumber);
