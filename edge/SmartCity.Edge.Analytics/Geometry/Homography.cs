using System.Numerics;

namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>A projective map between two planes (here image pixels to ground metres): a 3×3 matrix on homogeneous points.</summary>
public sealed class Homography
{
    private readonly double _m11, _m12, _m13, _m21, _m22, _m23, _m31, _m32, _m33;

    /// <summary>Creates a homography from its nine coefficients, row-major.</summary>
    public Homography(ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != 9)
        {
            throw new ArgumentException($"A homography has 9 coefficients, got {rowMajor.Length}.", nameof(rowMajor));
        }

        (_m11, _m12, _m13) = (rowMajor[0], rowMajor[1], rowMajor[2]);
        (_m21, _m22, _m23) = (rowMajor[3], rowMajor[4], rowMajor[5]);
        (_m31, _m32, _m33) = (rowMajor[6], rowMajor[7], rowMajor[8]);
    }

    /// <summary>The coefficients, row-major.</summary>
    public double[] Coefficients => [_m11, _m12, _m13, _m21, _m22, _m23, _m31, _m32, _m33];

    /// <summary>
    /// Maps a point; false when it maps to infinity or to the other side of the horizon than the calibration
    /// points (the solver scales the matrix so that w is positive on them).
    /// </summary>
    public bool TryMap(float x, float y, out Vector2 result)
    {
        double w = (_m31 * x) + (_m32 * y) + _m33;
        if (w <= 1e-12)
        {
            result = default;
            return false;
        }

        result = new Vector2((float)(((_m11 * x) + (_m12 * y) + _m13) / w), (float)(((_m21 * x) + (_m22 * y) + _m23) / w));
        return true;
    }

    /// <summary>The homogeneous w of a point (its sign says which side of the horizon line it lies on).</summary>
    public double W(double x, double y) => (_m31 * x) + (_m32 * y) + _m33;

    /// <summary>The 2×2 Jacobian determinant at a point: its sign says whether the map keeps or mirrors orientation there.</summary>
    public double JacobianDeterminant(double x, double y)
    {
        double w = W(x, y);
        double u = ((_m11 * x) + (_m12 * y) + _m13) / w;
        double v = ((_m21 * x) + (_m22 * y) + _m23) / w;
        double dudx = (_m11 - (u * _m31)) / w, dudy = (_m12 - (u * _m32)) / w;
        double dvdx = (_m21 - (v * _m31)) / w, dvdy = (_m22 - (v * _m32)) / w;
        return (dudx * dvdy) - (dudy * dvdx);
    }
}
