using Xunit;

namespace SmartCity.Edge.Tracking.Tests;

public class AssignmentSolverTests
{
    [Fact]
    public void Square_matrix_gets_the_known_optimum()
    {
        // SciPy's documented example: optimum 0→1, 1→0, 2→2 with total 5.
        float[,] c = { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        int[] a = Solve(c, 100);
        Assert.Equal([1, 0, 2], a);
    }

    [Fact]
    public void Beats_greedy_where_greedy_is_wrong()
    {
        // Greedy takes the cheapest cell (0,0)=0.1 and leaves row 1 with 0.9; the optimum pairs crosswise (0.2+0.3).
        float[,] c = { { 0.1f, 0.2f }, { 0.3f, 0.9f } };
        Assert.Equal([1, 0], Solve(c, 1));
    }

    [Fact]
    public void Wide_and_tall_matrices_are_solved()
    {
        float[,] wide = { { 9, 1, 9, 9 }, { 9, 9, 9, 2 } };
        Assert.Equal([1, 3], Solve(wide, 100));

        float[,] tall = { { 9, 9 }, { 1, 9 }, { 9, 9 }, { 9, 2 } };
        Assert.Equal([-1, 0, -1, 1], Solve(tall, 5));
    }

    [Fact]
    public void Pairs_above_the_gate_stay_unmatched()
    {
        float[,] c = { { 0.9f, 0.95f }, { 0.85f, 0.3f } };
        Assert.Equal([-1, 1], Solve(c, 0.8f));
        Assert.Equal(0, new AssignmentSolver().Solve(0.5f, Array.Empty<int>()));
    }

    [Fact]
    public void Gated_optimum_equals_lapjv_with_cost_limit()
    {
        // lapjv(extend_cost, cost_limit=0.8): the pair at 0.1 plus row 1 and column 1 unmatched at 0.4 each
        // (0.9 in all) beats the two crosswise pairs (1.5), although those would match more.
        float[,] c = { { 0.1f, 0.75f }, { 0.75f, 1f } };
        Assert.Equal([0, -1], Solve(c, 0.8f));
    }

    [Fact]
    public void Matches_brute_force_on_random_matrices()
    {
        var rng = new Random(11);
        var solver = new AssignmentSolver();
        int[] result = new int[8];
        for (int trial = 0; trial < 400; trial++)
        {
            int rows = rng.Next(1, 7), cols = rng.Next(1, 7);
            float limit = trial % 2 == 0 ? 0.7f : 10f;
            Span<float> costs = solver.Prepare(rows, cols);
            float[] copy = new float[rows * cols];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = costs[i] = MathF.Round(rng.NextSingle(), 2);
            }

            solver.Solve(limit, result);
            double got = GatedTotal(copy, rows, cols, limit, result);
            double best = BruteForce(copy, rows, cols, limit);
            Assert.True(Math.Abs(got - best) < 1e-4, $"trial {trial}: {got} vs optimum {best}");

            // Every matched pair is admissible and each column is used at most once.
            var seen = new HashSet<int>();
            for (int r = 0; r < rows; r++)
            {
                if (result[r] >= 0)
                {
                    Assert.True(copy[(r * cols) + result[r]] <= limit);
                    Assert.True(seen.Add(result[r]));
                }
            }
        }
    }

    private static int[] Solve(float[,] c, float limit)
    {
        int rows = c.GetLength(0), cols = c.GetLength(1);
        var solver = new AssignmentSolver();
        Span<float> costs = solver.Prepare(rows, cols);
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < cols; k++)
            {
                costs[(r * cols) + k] = c[r, k];
            }
        }

        int[] result = new int[rows];
        solver.Solve(limit, result);
        return result;
    }

    /// <summary>lapjv's objective: matched costs plus half the limit for every unmatched row and column.</summary>
    private static double GatedTotal(float[] c, int rows, int cols, float limit, int[] rowToCol)
    {
        double total = 0;
        int matched = 0;
        for (int r = 0; r < rows; r++)
        {
            if (rowToCol[r] >= 0)
            {
                total += c[(r * cols) + rowToCol[r]];
                matched++;
            }
        }

        return total + ((rows + cols - (2 * matched)) * limit / 2.0);
    }

    private static double BruteForce(float[] c, int rows, int cols, float limit)
    {
        double best = double.MaxValue;
        int[] assign = new int[rows];
        bool[] used = new bool[cols];

        void Recurse(int r)
        {
            if (r == rows)
            {
                best = Math.Min(best, GatedTotal(c, rows, cols, limit, assign));
                return;
            }

            assign[r] = -1;
            Recurse(r + 1);
            for (int k = 0; k < cols; k++)
            {
                if (!used[k] && c[(r * cols) + k] <= limit)
                {
                    used[k] = true;
                    assign[r] = k;
                    Recurse(r + 1);
                    used[k] = false;
                }
            }

            assign[r] = -1;
        }

        Recurse(0);
        return best;
    }
}
