using SmartCity.Edge.Agent.Pipeline;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

public sealed class InferencePercentileTests
{
    private static readonly int[] NoDetections = new int[7];

    [Fact]
    public void The_95th_percentile_covers_only_the_runs_since_the_last_health_message()
    {
        var stats = new PipelineStats();
        Assert.Null(stats.InferencePercentile95(0));
        for (int i = 1; i <= 100; i++)
        {
            stats.RecordFrame(1, detected: true, 1, i, 1, NoDetections);
            stats.RecordFrame(1, detected: false, 0, 0, 0, NoDetections); // gated frames do not count
        }

        Assert.Equal(95, stats.InferencePercentile95(0));
        long seen = stats.Snapshot().DetectorRuns;
        for (int i = 0; i < 20; i++)
        {
            stats.RecordFrame(1, detected: true, 1, 500 + i, 1, NoDetections);
        }

        Assert.Equal(518, stats.InferencePercentile95(seen)); // nearest rank: the 19th of 20
        Assert.Null(stats.InferencePercentile95(stats.Snapshot().DetectorRuns));
    }

    [Fact]
    public void Only_the_latest_4096_runs_are_kept()
    {
        var stats = new PipelineStats();
        for (int i = 0; i < 10_000; i++)
        {
            stats.RecordFrame(1, detected: true, 1, i < 5000 ? 1000 : 10, 1, NoDetections);
        }

        Assert.Equal(10, stats.InferencePercentile95(0));
    }
}
