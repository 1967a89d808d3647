namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Minimum-cost assignment on a rectangular cost matrix (Kuhn–Munkres with potentials, O(n²·m) for n ≤ m;
/// the shortest-augmenting-path form of Jonker &amp; Volgenant). Every row of the smaller side is assigned;
/// callers express "must not match" with a large cost and drop those pairs afterwards, which makes the
/// result maximise the number of allowed pairs first and minimise their total cost second — the rule the
/// CLEAR-MOT and IDF1 matchers need. Buffers are reused between calls.
/// </summary>
internal sealed class HungarianAssignment
{
    private double[] _u = new double[8];
    private double[] _v = new double[8];
    private double[] _minToColumn = new double[8];
    private int[] _columnOwner = new int[8];
    private int[] _way = new int[8];
    private bool[] _used = new bool[8];

    /// <summary>
    /// Solves the assignment. <paramref name="cost"/> is row-major, <paramref name="rows"/> × <paramref name="columns"/>.
    /// On return <paramref name="rowToColumn"/>[r] is the column assigned to row r, or −1 when row r is left
    /// out (only possible when there are more rows than columns).
    /// </summary>
    public void Solve(ReadOnlySpan<double> cost, int rows, int columns, Span<int> rowToColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (cost.Length < rows * columns)
        {
            throw new ArgumentException($"The cost matrix holds {cost.Length} values; {rows}×{columns} needs {rows * columns}.", nameof(cost));
        }

        if (rowToColumn.Length < rows)
        {
            throw new ArgumentException($"{nameof(rowToColumn)} holds {rowToColumn.Length} entries; {rows} rows need as many.", nameof(rowToColumn));
        }

        rowToColumn[..rows].Fill(-1);
        if (rows == 0 || columns == 0)
        {
            return;
        }

        // The algorithm needs rows ≤ columns; otherwise it runs on the transpose.
        bool transposed = rows > columns;
        int n = transposed ? columns : rows;
        int m = transposed ? rows : columns;
        EnsureCapacity(Math.Max(n, m) + 1);
        Array.Clear(_u, 0, n + 1);
        Array.Clear(_v, 0, m + 1);
        Array.Clear(_columnOwner, 0, m + 1);

        // 1-based indices; column 0 is the virtual start of each augmenting path.
        for (int i = 1; i <= n; i++)
        {
            _columnOwner[0] = i;
            int j0 = 0;
            Array.Fill(_minToColumn, double.PositiveInfinity, 0, m + 1);
            Array.Clear(_used, 0, m + 1);
            do
            {
                _used[j0] = true;
                int i0 = _columnOwner[j0];
                double delta = double.PositiveInfinity;
                int j1 = 0;
                for (int j = 1; j <= m; j++)
                {
                    if (_used[j])
                    {
                        continue;
                    }

                    double c = (transposed ? cost[((j - 1) * columns) + (i0 - 1)] : cost[((i0 - 1) * columns) + (j - 1)]) - _u[i0] - _v[j];
                    if (c < _minToColumn[j])
                    {
                        _minToColumn[j] = c;
                        _way[j] = j0;
                    }

                    if (_minToColumn[j] < delta)
                    {
                        delta = _minToColumn[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= m; j++)
                {
                    if (_used[j])
                    {
                        _u[_columnOwner[j]] += delta;
                        _v[j] -= delta;
                    }
                    else
                    {
                        _minToColumn[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (_columnOwner[j0] != 0);

            do
            {
                int j1 = _way[j0];
                _columnOwner[j0] = _columnOwner[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        for (int j = 1; j <= m; j++)
        {
            int owner = _columnOwner[j];
            if (owner == 0)
            {
                continue;
            }

            if (transposed)
            {
                rowToColumn[j - 1] = owner - 1;
            }
            else
            {
                rowToColumn[owner - 1] = j - 1;
            }
        }
    }

    private void EnsureCapacity(int size)
    {
        if (_u.Length >= size)
        {
            return;
        }

        int grown = Math.Max(size, _u.Length * 2);
        _u = new double[grown];
        _v = new double[grown];
        _minToColumn = new double[grown];
        _columnOwner = new int[grown];
        _way = new int[grown];
        _used = new bool[grown];
    }
}
