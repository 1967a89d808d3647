using SmartCity.Edge.Vision.Sources;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class RestartBackoffTests
{
    [Fact]
    public void Doubles_up_to_the_cap_and_resets()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30), jitter: 0);

        double[] seconds = [.. Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds)];

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], seconds);
        backoff.Reset();
        Assert.Equal(0, backoff.Failures);
        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Next());
    }

    [Fact]
    public void Jitter_stays_within_its_fraction_and_varies()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), jitter: 0.2, new Random(42));

        double[] seconds = [.. Enumerable.Range(0, 50).Select(_ => backoff.Next().TotalSeconds)];

        Assert.All(seconds, s => Assert.InRange(s, 0.8, 1.0));
        Assert.True(seconds.Distinct().Count() > 10);
    }
}
