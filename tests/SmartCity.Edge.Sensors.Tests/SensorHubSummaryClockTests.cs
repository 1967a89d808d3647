using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Sampling;
using Xunit;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// Regression: the summary clock's wait rounds to whole milliseconds and could wake just before the boundary; it then
/// closed the same boundary again and again, emitting zero-length intervals in a tight loop that pushed real
/// summaries out of the bounded channel (seen in the main job: 98 air messages in 40 s).
/// </summary>
public sealed class SensorHubSummaryClockTests
{
    [Fact]
    public async Task Every_boundary_is_closed_once_and_no_interval_is_empty()
    {
        var sensor = new ScriptedSensor("climate", (Quantity.Temperature, 21.5, ReadingBasis.Ambient));
        var interval = TimeSpan.FromMilliseconds(100);
        await using var hub = new SensorHub(
            [new SensorRegistration(sensor.Name, "scripted", () => sensor, TimeSpan.FromMilliseconds(20))],
            new SensorHubOptions { SummaryInterval = interval });
        hub.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await hub.DisposeAsync();

        var summaries = new List<AirIntervalSummary>();
        while (hub.Summaries.TryRead(out var summary))
        {
            summaries.Add(summary);
        }

        // About 20 boundaries pass in 2 s; a clock that re-closes a boundary produces hundreds of summaries.
        Assert.InRange(summaries.Count, 5, 25);
        for (int i = 0; i < summaries.Count; i++)
        {
            Assert.True(summaries[i].End > summaries[i].Start, $"summary {i} is empty: {summaries[i].Start:O} .. {summaries[i].End:O}");
            Assert.Equal(0, summaries[i].End.UtcTicks % interval.Ticks);
            if (i > 0)
            {
                Assert.True(summaries[i].End > summaries[i - 1].End, $"boundary {summaries[i].End:O} closed twice or out of order");
            }
        }
    }
}
