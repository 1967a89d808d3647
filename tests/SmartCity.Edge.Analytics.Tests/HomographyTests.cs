using System.Numerics;
using SmartCity.Edge.Analytics.Geometry;
using Xunit;

namespace SmartCity.Edge.Analytics.Tests;

public class HomographyTests
{
    /// <summary>A perspective map image → ground with a real horizon term, as a tilted camera gives.</summary>
    private static readonly Homography Known = new([0.05, 0.01, -12, 0.002, -0.09, 40, 0.00001, 0.0009, 1]);

    private static Vector2 Map(Homography h, Vector2 p)
    {
        Assert.True(h.TryMap(p.X, p.Y, out Vector2 q));
        return q;
    }

    [Fact]
    public void Four_point_pairs_recover_a_known_mapping_exactly_and_report_a_zero_residual()
    {
        Vector2[] image = [new(50, 300), new(600, 310), new(580, 470), new(40, 460)];
        Vector2[] ground = [.. image.Select(p => Map(Known, p))];
        Assert.True(HomographySolver.TrySolve(image, ground, out GroundCalibration? c, out string? problem), problem);
        Assert.True(c!.RmsResidualMetres < 1e-3, $"residual {c.RmsResidualMetres}");
        Assert.True(c.ConditionNumber is > 1 and < HomographySolver.MaxConditionNumber);

        // Points that were not used to solve map where the known homography sends them.
        foreach (Vector2 p in new Vector2[] { new(320, 240), new(100, 400), new(500, 350), new(10, 470) })
        {
            Vector2 expected = Map(Known, p), actual = Map(c.ImageToGround, p);
            Assert.True(Vector2.Distance(expected, actual) < 1e-3, $"{p}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void More_pairs_are_fitted_and_disagreement_shows_in_the_residual()
    {
        Vector2[] image = [new(50, 300), new(600, 310), new(580, 470), new(40, 460), new(320, 380)];
        Vector2[] ground = [.. image.Select(p => Map(Known, p))];
        ground[4] += new Vector2(0.8f, 0);
        Assert.True(HomographySolver.TrySolve(image, ground, out GroundCalibration? c, out _));
        Assert.InRange(c!.RmsResidualMetres, 0.05, 0.8);
        Assert.True(c.MaxResidualMetres >= c.RmsResidualMetres);
    }

    [Fact]
    public void Three_collinear_points_are_refused()
    {
        Vector2[] image = [new(100, 100), new(200, 200), new(300, 300), new(100, 400)];
        Vector2[] ground = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)];
        Assert.False(HomographySolver.TrySolve(image, ground, out _, out string? problem));
        Assert.Contains("1, 2 and 3", problem, StringComparison.Ordinal);
        Assert.Contains("one line", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_point_pairs_that_fold_the_plane_are_refused()
    {
        Vector2[] image = [new(100, 100), new(500, 100), new(500, 400), new(100, 400)];
        Vector2[] ground = [new(0, 30), new(40, 30), new(0, 0), new(40, 0)];
        Assert.False(HomographySolver.TrySolve(image, ground, out _, out string? problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Fewer_than_four_pairs_are_refused()
    {
        Assert.False(HomographySolver.TrySolve([new(0, 0), new(1, 0), new(0, 1)], [new(0, 0), new(1, 0), new(0, 1)], out _, out string? problem));
        Assert.Contains("four", problem, StringComparison.Ordinal);
    }
}
