using SmartCity.Edge.Agent.Evaluation;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

public class HungarianAssignmentTests
{
    [Fact]
    public void Square_matrix_gets_the_minimum_total_cost()
    {
        // Rows 0,1,2 → columns 1,0,2 costs 1 + 2 + 2 = 5; a greedy pick of the cheapest cell (0 at row 2, col 1) costs more.
        double[] cost =
        [
            4, 1, 3,
            2, 0, 5,
            3, 2, 2,
        ];
        var assignment = new int[3];
        new HungarianAssignment().Solve(cost, 3, 3, assignment);

        Assert.Equal([1, 0, 2], assignment);
    }

    [Fact]
    public void More_columns_than_rows_assigns_every_row()
    {
        double[] cost =
        [
            9, 1, 9, 9,
            9, 2, 3, 9,
        ];
        var assignment = new int[2];
        new HungarianAssignment().Solve(cost, 2, 4, assignment);

        Assert.Equal([1, 2], assignment);
    }

    [Fact]
    public void More_rows_than_columns_leaves_the_costliest_row_out()
    {
        double[] cost =
        [
            5, 9,
            1, 9,
            9, 2,
        ];
        var assignment = new int[3];
        new HungarianAssignment().Solve(cost, 3, 2, assignment);

        Assert.Equal([-1, 0, 1], assignment);
    }

    [Fact]
    public void Empty_sides_assign_nothing()
    {
        var assignment = new int[2];
        new HungarianAssignment().Solve([], 2, 0, assignment);

        Assert.Equal([-1, -1], assignment);
    }
}
