using System.Numerics;

namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>
/// Direct linear transform with Hartley normalisation: solves the homography that maps source points onto
/// destination points (exact for four pairs, least squares for more), and checks that the pairs pin down a
/// sensible map.
/// </summary>
public static class HomographySolver
{
    /// <summary>Largest accepted condition number of the normalised system.</summary>
    public const double MaxConditionNumber = 1e7;

    /// <summary>
    /// Solves and checks; false with a reason when three points are collinear, the map folds (orientation not
    /// consistent over the points), or the system is ill-conditioned.
    /// </summary>
    public static bool TrySolve(
        ReadOnlySpan<Vector2> source, ReadOnlySpan<Vector2> destination, out GroundCalibration? calibration, out string? problem)
    {
        calibration = null;
        if (source.Length < 4 || source.Length != destination.Length)
        {
            problem = $"needs at least four point pairs, got {source.Length} image and {destination.Length} ground points";
            return false;
        }

        // With exactly four pairs every triple matters; with more, some may be collinear (a point on a kerb line)
        // as long as the whole set pins the map down, which the condition number and residual check.
        bool four = source.Length == 4;
        if (four && (FindCollinear(source, out string? which) || FindCollinear(destination, out which)))
        {
            problem = $"points {which} lie on one line, so they do not fix a plane mapping";
            return false;
        }

        int n = source.Length;
        (double sx, double sy, double ss) = NormalisationOf(source);
        (double dx, double dy, double ds) = NormalisationOf(destination);

        // Normal equations AᵀA of the 2n×9 DLT system in normalised coordinates; its eigenvector of the smallest
        // eigenvalue is the homography (the singular vector of A).
        Span<double> ata = stackalloc double[81];
        Span<double> row = stackalloc double[9];
        for (int k = 0; k < n; k++)
        {
            double x = (source[k].X - sx) * ss, y = (source[k].Y - sy) * ss;
            double u = (destination[k].X - dx) * ds, v = (destination[k].Y - dy) * ds;
            row.Clear();
            row[0] = x; row[1] = y; row[2] = 1; row[6] = -u * x; row[7] = -u * y; row[8] = -u;
            Accumulate(ata, row);
            row.Clear();
            row[3] = x; row[4] = y; row[5] = 1; row[6] = -v * x; row[7] = -v * y; row[8] = -v;
            Accumulate(ata, row);
        }

        Span<double> eigenvalues = stackalloc double[9];
        Span<double> eigenvectors = stackalloc double[81];
        SymmetricEigen.Decompose(ata, eigenvalues, eigenvectors);

        // Eigenvalues of AᵀA are the squared singular values of A, sorted ascending.
        double sigmaMax = Math.Sqrt(Math.Max(eigenvalues[8], 0));
        double sigmaSecondSmallest = Math.Sqrt(Math.Max(eigenvalues[1], 0));
        double condition = sigmaSecondSmallest <= 0 ? double.PositiveInfinity : sigmaMax / sigmaSecondSmallest;
        if (!(condition <= MaxConditionNumber))
        {
            problem = $"the point pairs are degenerate (condition number {condition:G3} above {MaxConditionNumber:G1})";
            return false;
        }

        // H = Td⁻¹ · Hn · Ts, with Ts = [ss 0 -ss·sx; 0 ss -ss·sy; 0 0 1] and Td⁻¹ = [1/ds 0 dx; 0 1/ds dy; 0 0 1].
        Span<double> hn = stackalloc double[9];
        for (int i = 0; i < 9; i++)
        {
            hn[i] = eigenvectors[(i * 9) + 0];
        }

        Span<double> ts = [ss, 0, -ss * sx, 0, ss, -ss * sy, 0, 0, 1];
        Span<double> tdInv = [1 / ds, 0, dx, 0, 1 / ds, dy, 0, 0, 1];
        Span<double> tmp = stackalloc double[9];
        Span<double> h = stackalloc double[9];
        Multiply(hn, ts, tmp);
        Multiply(tdInv, tmp, h);

        // Scale so that w is positive at the calibration points; a map that puts them on both sides of the
        // horizon is not a view of one ground plane.
        double w0 = (h[6] * source[0].X) + (h[7] * source[0].Y) + h[8];
        double scale = 1 / (Math.Abs(h[8]) > 1e-12 ? h[8] : w0);
        if (w0 * scale < 0)
        {
            scale = -scale;
        }

        for (int i = 0; i < 9; i++)
        {
            h[i] *= scale;
        }

        var homography = new Homography(h);
        int orientation = 0;
        double sumSquares = 0, max = 0;
        for (int k = 0; k < n; k++)
        {
            if (homography.W(source[k].X, source[k].Y) <= 1e-12)
            {
                problem = $"point {k + 1} maps behind the horizon of the other points";
                return false;
            }

            int sign = Math.Sign(homography.JacobianDeterminant(source[k].X, source[k].Y));
            if (sign == 0 || (orientation != 0 && sign != orientation))
            {
                problem = "the mapping folds the plane (the point pairs are not in a consistent order)";
                return false;
            }

            orientation = sign;
            homography.TryMap(source[k].X, source[k].Y, out Vector2 mapped);
            double e = Vector2.Distance(mapped, destination[k]);
            sumSquares += e * e;
            max = Math.Max(max, e);
        }

        if (four && !QuadrilateralOrientationAgrees(source, destination))
        {
            problem = "the point pairs are not in a consistent order (image and ground outlines wind differently)";
            return false;
        }

        calibration = new GroundCalibration(homography, Math.Sqrt(sumSquares / n), max, condition);
        problem = null;
        return true;
    }

    /// <summary>True when some three points are (nearly) collinear; <paramref name="which"/> names them, 1-based.</summary>
    internal static bool FindCollinear(ReadOnlySpan<Vector2> points, out string? which)
    {
        float extent = 0;
        for (int i = 0; i < points.Length; i++)
        {
            for (int j = i + 1; j < points.Length; j++)
            {
                extent = MathF.Max(extent, Vector2.DistanceSquared(points[i], points[j]));
            }
        }

        for (int i = 0; i < points.Length; i++)
        {
            for (int j = i + 1; j < points.Length; j++)
            {
                for (int k = j + 1; k < points.Length; k++)
                {
                    // Twice the triangle's area against the squared extent: scale-free, so metres and pixels agree.
                    double cross = Cross(points[j] - points[i], points[k] - points[i]);
                    if (extent <= 0 || Math.Abs(cross) < 1e-3 * extent)
                    {
                        which = $"{i + 1}, {j + 1} and {k + 1}";
                        return true;
                    }
                }
            }
        }

        which = null;
        return false;
    }

    private static bool QuadrilateralOrientationAgrees(ReadOnlySpan<Vector2> source, ReadOnlySpan<Vector2> destination)
    {
        // Every triangle of points must turn the same way in the image as on the ground, or all the opposite way
        // (a camera image is mirrored against a map with y north): a mix means two points were swapped.
        int relation = 0;
        for (int i = 0; i < source.Length; i++)
        {
            for (int j = i + 1; j < source.Length; j++)
            {
                for (int k = j + 1; k < source.Length; k++)
                {
                    int a = Math.Sign(Cross(source[j] - source[i], source[k] - source[i]));
                    int b = Math.Sign(Cross(destination[j] - destination[i], destination[k] - destination[i]));
                    int r = a * b;
                    if (relation != 0 && r != relation)
                    {
                        return false;
                    }

                    relation = r;
                }
            }
        }

        return true;
    }

    private static double Cross(Vector2 a, Vector2 b) => ((double)a.X * b.Y) - ((double)a.Y * b.X);

    private static (double Cx, double Cy, double Scale) NormalisationOf(ReadOnlySpan<Vector2> points)
    {
        double cx = 0, cy = 0;
        foreach (Vector2 p in points)
        {
            cx += p.X;
            cy += p.Y;
        }

        cx /= points.Length;
        cy /= points.Length;
        double mean = 0;
        foreach (Vector2 p in points)
        {
            mean += Math.Sqrt(((p.X - cx) * (p.X - cx)) + ((p.Y - cy) * (p.Y - cy)));
        }

        mean /= points.Length;
        return (cx, cy, mean > 0 ? Math.Sqrt(2) / mean : 1);
    }

    private static void Accumulate(Span<double> ata, ReadOnlySpan<double> row)
    {
        for (int i = 0; i < 9; i++)
        {
            if (row[i] == 0)
            {
                continue;
            }

            for (int j = 0; j < 9; j++)
            {
                ata[(i * 9) + j] += row[i] * row[j];
            }
        }
    }

    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                result[(i * 3) + j] = (a[i * 3] * b[j]) + (a[(i * 3) + 1] * b[3 + j]) + (a[(i * 3) + 2] * b[6 + j]);
            }
        }
    }
}
