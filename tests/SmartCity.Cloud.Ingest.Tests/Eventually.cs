using System.Diagnostics;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>Polls a condition until it holds or a generous timeout passes (the test machine is small and shared).</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:F0} s: {describe()}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:F0} s: {describe()}");
            }

            await Task.Delay(50);
        }
    }
}
