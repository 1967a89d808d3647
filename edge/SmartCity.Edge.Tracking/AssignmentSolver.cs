namespace SmartCity.Edge.Tracking;

/// <summary>
/// Minimum-cost rectangular assignment with a gate, by shortest augmenting paths (Jonker–Volgenant as
/// restated for rectangular matrices by Crouse, IEEE TAES 2016; the algorithm of SciPy's
/// <c>linear_sum_assignment</c>). Pairs costing more than the limit are never matched, and the optimum is the
/// one <c>lap.lapjv(extend_cost=True, cost_limit=limit)</c> finds for ByteTrack: each unmatched row or column
/// costs half the limit. Greedy matching is not enough in dense queues, where one detection overlaps several
/// predictions. Work arrays grow to the peak size and are reused: no allocation per call after that.
/// </summary>
internal sealed class AssignmentSolver
{
    private float[] _costs = new float[64];
    private double[] _work = new double[64];
    private double[] _u = new double[8];
    private double[] _v = new double[8];
    private double[] _shortest = new double[8];
    private int[] _path = new int[8];
    private int[] _col4Row = new int[8];
    private int[] _row4Col = new int[8];
    private int[] _remaining = new int[8];
    private bool[] _sr = new bool[8];
    private bool[] _sc = new bool[8];
    private int _rows;
    private int _cols;

    /// <summary>
    /// Returns the row-major <paramref name="rows"/> × <paramref name="cols"/> cost matrix to fill before
    /// <see cref="Solve"/>. Its previous contents are undefined.
    /// </summary>
    public Span<float> Prepare(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        int cells = checked(rows * cols);
        ArrayCapacity.Ensure(ref _costs, cells);
        _rows = rows;
        _cols = cols;
        return _costs.AsSpan(0, cells);
    }

    /// <summary>
    /// Solves the prepared matrix: writes the matched column of each row (or −1) to <paramref name="rowToColumn"/>
    /// and returns the number of matched pairs. Only pairs with cost ≤ <paramref name="costLimit"/> are matched;
    /// NaN costs count as above the limit.
    /// </summary>
    public int Solve(float costLimit, Span<int> rowToColumn)
    {
        int rows = _rows, cols = _cols;
        if (rowToColumn.Length < rows)
        {
            throw new ArgumentException($"Needs room for {rows} rows; got {rowToColumn.Length}.", nameof(rowToColumn));
        }

        rowToColumn[..rows].Fill(-1);
        if (rows == 0 || cols == 0)
        {
            return 0;
        }

        // The algorithm needs rows ≤ columns; solve the transpose otherwise. Costs above the limit are clamped
        // to it: leaving a row unmatched then costs the same as matching it beyond the gate, which is exactly
        // lapjv's extended matrix with limit/2 per unmatched row and column.
        bool transposed = rows > cols;
        int nr = transposed ? cols : rows, nc = transposed ? rows : cols;
        ArrayCapacity.Ensure(ref _work, nr * nc);
        double limit = costLimit;
        bool anyAdmissible = false;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                float cost = _costs[(r * cols) + c];
                double w = cost <= costLimit ? cost : limit;
                anyAdmissible |= cost <= costLimit;
                _work[transposed ? (c * nc) + r : (r * nc) + c] = w;
            }
        }

        if (!anyAdmissible)
        {
            return 0;
        }

        SolveSquareOrWide(nr, nc);

        int matched = 0;
        for (int i = 0; i < nr; i++)
        {
            int j = _col4Row[i];
            int r = transposed ? j : i, c = transposed ? i : j;
            if (_costs[(r * cols) + c] <= costLimit)
            {
                rowToColumn[r] = c;
                matched++;
            }
        }

        return matched;
    }

    /// <summary>Shortest augmenting path on <c>_work</c> (nr ≤ nc, all costs finite): fills <c>_col4Row</c>.</summary>
    private void SolveSquareOrWide(int nr, int nc)
    {
        ArrayCapacity.Ensure(ref _u, nr);
        ArrayCapacity.Ensure(ref _col4Row, nr);
        ArrayCapacity.Ensure(ref _sr, nr);
        ArrayCapacity.Ensure(ref _v, nc);
        ArrayCapacity.Ensure(ref _shortest, nc);
        ArrayCapacity.Ensure(ref _path, nc);
        ArrayCapacity.Ensure(ref _row4Col, nc);
        ArrayCapacity.Ensure(ref _remaining, nc);
        ArrayCapacity.Ensure(ref _sc, nc);
        Array.Clear(_u, 0, nr);
        Array.Clear(_v, 0, nc);
        _col4Row.AsSpan(0, nr).Fill(-1);
        _row4Col.AsSpan(0, nc).Fill(-1);

        for (int curRow = 0; curRow < nr; curRow++)
        {
            int sink = AugmentingPath(nr, nc, curRow, out double minVal);

            // Dual update over the rows and columns the search visited.
            _u[curRow] += minVal;
            for (int i = 0; i < nr; i++)
            {
                if (_sr[i] && i != curRow)
                {
                    _u[i] += minVal - _shortest[_col4Row[i]];
                }
            }

            for (int j = 0; j < nc; j++)
            {
                if (_sc[j])
                {
                    _v[j] -= minVal - _shortest[j];
                }
            }

            // Flip the alternating path back to the current row.
            int col = sink;
            while (true)
            {
                int i = _path[col];
                _row4Col[col] = i;
                (_col4Row[i], col) = (col, _col4Row[i]);
                if (i == curRow)
                {
                    break;
                }
            }
        }
    }

    private int AugmentingPath(int nr, int nc, int curRow, out double minVal)
    {
        minVal = 0;
        int remainingCount = nc;
        for (int it = 0; it < nc; it++)
        {
            // Filled in reverse so that, among equal costs, the lowest column index is found first.
            _remaining[it] = nc - it - 1;
        }

        Array.Clear(_sr, 0, nr);
        Array.Clear(_sc, 0, nc);
        _shortest.AsSpan(0, nc).Fill(double.PositiveInfinity);

        int sink = -1;
        int row = curRow;
        double[] work = _work;
        while (sink == -1)
        {
            int index = -1;
            double lowest = double.PositiveInfinity;
            _sr[row] = true;
            int rowBase = row * nc;
            double ui = _u[row];
            for (int it = 0; it < remainingCount; it++)
            {
                int j = _remaining[it];
                double r = minVal + work[rowBase + j] - ui - _v[j];
                if (r < _shortest[j])
                {
                    _path[j] = row;
                    _shortest[j] = r;
                }

                // Prefer a free column among equals: it ends the search early.
                if (_shortest[j] < lowest || (_shortest[j] == lowest && _row4Col[j] == -1))
                {
                    lowest = _shortest[j];
                    index = it;
                }
            }

            minVal = lowest;
            int col = _remaining[index];
            if (_row4Col[col] == -1)
            {
                sink = col;
            }
            else
            {
                row = _row4Col[col];
            }

            _sc[col] = true;
            _remaining[index] = _remaining[--remainingCount];
        }

        return sink;
    }
}
