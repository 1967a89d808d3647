namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>Cyclic Jacobi eigen-decomposition of a small symmetric matrix (here the 9×9 normal matrix of the DLT).</summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the n×n symmetric <paramref name="matrix"/> (row-major, overwritten). Eigenvalues come out in
    /// ascending order; column c of <paramref name="vectors"/> (row-major n×n) is the eigenvector of eigenvalue c.
    /// </summary>
    public static void Decompose(Span<double> matrix, Span<double> values, Span<double> vectors)
    {
        int n = values.Length;
        vectors.Clear();
        for (int i = 0; i < n; i++)
        {
            vectors[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    off += matrix[(p * n) + q] * matrix[(p * n) + q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = matrix[(p * n) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    double app = matrix[(p * n) + p], aqq = matrix[(q * n) + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = matrix[(k * n) + p], akq = matrix[(k * n) + q];
                        matrix[(k * n) + p] = (c * akp) - (s * akq);
                        matrix[(k * n) + q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = matrix[(p * n) + k], aqk = matrix[(q * n) + k];
                        matrix[(p * n) + k] = (c * apk) - (s * aqk);
                        matrix[(q * n) + k] = (s * apk) + (c * aqk);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = vectors[(k * n) + p], vkq = vectors[(k * n) + q];
                        vectors[(k * n) + p] = (c * vkp) - (s * vkq);
                        vectors[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            values[i] = matrix[(i * n) + i];
        }

        // Selection sort of the eigenpairs, ascending (n is 9).
        for (int i = 0; i < n - 1; i++)
        {
            int min = i;
            for (int j = i + 1; j < n; j++)
            {
                if (values[j] < values[min])
                {
                    min = j;
                }
            }

            if (min == i)
            {
                continue;
            }

            (values[i], values[min]) = (values[min], values[i]);
            for (int k = 0; k < n; k++)
            {
                (vectors[(k * n) + i], vectors[(k * n) + min]) = (vectors[(k * n) + min], vectors[(k * n) + i]);
            }
        }
    }
}
