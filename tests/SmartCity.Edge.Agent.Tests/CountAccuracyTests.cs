using SmartCity.Edge.Agent.Evaluation;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

public class CountAccuracyTests
{
    [Theory]
    [InlineData(100, 100, 1.0)]
    [InlineData(100, 97, 0.97)]
    [InlineData(100, 103, 0.97)]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 1, 0.0)]
    [InlineData(10, 30, 0.0)]
    [InlineData(3, 2, 2.0 / 3.0)]
    public void Accuracy_is_one_minus_the_relative_error(long truth, long counted, double expected) =>
        Assert.Equal(expected, CountAccuracy.Of(truth, counted), 10);
}
