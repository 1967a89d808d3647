using System.Numerics;

namespace SmartCity.Edge.Simulation.Geometry;

/// <summary>
/// A projective map between two planes (here the ground plane in metres and the image in pixels), a 3×3
/// matrix applied to homogeneous points. Immutable; <see cref="Inverse"/> maps the other way.
/// </summary>
public sealed class PlaneHomography
{
    private readonly double[] _m;

    /// <summary>Creates a homography from its nine coefficients, row-major (m11, m12, m13, m21 … m33).</summary>
    public PlaneHomography(ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != 9)
        {
            throw new ArgumentException($"A homography has 9 coefficients, got {rowMajor.Length}.", nameof(rowMajor));
        }

        _m = rowMajor.ToArray();
    }

    /// <summary>The coefficients, row-major.</summary>
    public ReadOnlySpan<double> Coefficients => _m;

    /// <summary>Maps a point; the result is meaningless when <see cref="TryMap"/> would say false.</summary>
    public Vector2 Map(Vector2 p)
    {
        TryMap(p, out Vector2 q);
        return q;
    }

    /// <summary>
    /// Maps a point. False when the point maps to infinity or behind the projection centre (for the image to
    /// ground direction: a pixel at or above the horizon).
    /// </summary>
    public bool TryMap(Vector2 p, out Vector2 result)
    {
        double x = p.X, y = p.Y;
        double w = (_m[6] * x) + (_m[7] * y) + _m[8];
        if (w <= 1e-12)
        {
            result = default;
            return false;
        }

        result = new Vector2(
            (float)(((_m[0] * x) + (_m[1] * y) + _m[2]) / w),
            (float)(((_m[3] * x) + (_m[4] * y) + _m[5]) / w));
        return true;
    }

    /// <summary>The inverse map.</summary>
    public PlaneHomography Inverse()
    {
        double a = _m[0], b = _m[1], c = _m[2], d = _m[3], e = _m[4], f = _m[5], g = _m[6], h = _m[7], i = _m[8];
        double det = (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
        if (Math.Abs(det) < 1e-15)
        {
            throw new InvalidOperationException("The homography is singular and has no inverse.");
        }

        // Normalised so that points in front of the projection centre keep a positive w in both directions.
        double s = 1.0 / det;
        Span<double> inv =
        [
            ((e * i) - (f * h)) * s, ((c * h) - (b * i)) * s, ((b * f) - (c * e)) * s,
            ((f * g) - (d * i)) * s, ((a * i) - (c * g)) * s, ((c * d) - (a * f)) * s,
            ((d * h) - (e * g)) * s, ((b * g) - (a * h)) * s, ((a * e) - (b * d)) * s,
        ];
        return new PlaneHomography(inv);
    }

    /// <summary>
    /// Solves the homography that maps four source points onto four destination points (for example four
    /// image points onto their surveyed ground positions in metres), with m33 = 1.
    /// </summary>
    public static PlaneHomography FromCorrespondences(ReadOnlySpan<Vector2> source, ReadOnlySpan<Vector2> destination)
    {
        if (source.Length != 4 || destination.Length != 4)
        {
            throw new ArgumentException("A homography needs exactly four point pairs.");
        }

        Span<double> a = stackalloc double[8 * 9];
        for (int k = 0; k < 4; k++)
        {
            double x = source[k].X, y = source[k].Y, u = destination[k].X, v = destination[k].Y;
            Span<double> r1 = a.Slice(2 * k * 9, 9);
            Span<double> r2 = a.Slice(((2 * k) + 1) * 9, 9);
            r1[0] = x; r1[1] = y; r1[2] = 1; r1[6] = -u * x; r1[7] = -u * y; r1[8] = u;
            r2[3] = x; r2[4] = y; r2[5] = 1; r2[6] = -v * x; r2[7] = -v * y; r2[8] = v;
        }

        // Gaussian elimination with partial pivoting on the 8×8 system (last column is the right-hand side).
        for (int col = 0; col < 8; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 8; r++)
            {
                if (Math.Abs(a[(r * 9) + col]) > Math.Abs(a[(pivot * 9) + col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[(pivot * 9) + col]) < 1e-12)
            {
                throw new ArgumentException("The four points are degenerate (three of them lie on a line).");
            }

            for (int k = 0; k < 9; k++)
            {
                (a[(col * 9) + k], a[(pivot * 9) + k]) = (a[(pivot * 9) + k], a[(col * 9) + k]);
            }

            for (int r = 0; r < 8; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double factor = a[(r * 9) + col] / a[(col * 9) + col];
                for (int k = col; k < 9; k++)
                {
                    a[(r * 9) + k] -= factor * a[(col * 9) + k];
                }
            }
        }

        Span<double> m = stackalloc double[9];
        for (int k = 0; k < 8; k++)
        {
            m[k] = a[(k * 9) + 8] / a[(k * 9) + k];
        }

        m[8] = 1;

        // Keep w positive at the given points, so TryMap's "in front of the projection centre" test holds.
        if ((m[6] * source[0].X) + (m[7] * source[0].Y) + m[8] < 0)
        {
            for (int k = 0; k < 9; k++)
            {
                m[k] = -m[k];
            }
        }

        return new PlaneHomography(m);
    }
}
