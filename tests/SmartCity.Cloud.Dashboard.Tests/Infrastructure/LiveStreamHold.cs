using Microsoft.Playwright;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>
/// Holds every request a page makes for the live stream (<c>/api/v1/live</c>) until <see cref="Release"/>, so a test
/// can change the server's data while the page is open but not yet listening.
/// </summary>
internal sealed class LiveStreamHold
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    private LiveStreamHold()
    {
    }

    /// <summary>Routes <paramref name="page"/>'s live-stream requests through the hold; call before the page opens.</summary>
    public static async Task<LiveStreamHold> InstallAsync(IPage page)
    {
        var hold = new LiveStreamHold();
        await page.RouteAsync("**/api/v1/live", async route =>
        {
            Interlocked.Increment(ref hold._held);
            await hold._release.Task.ConfigureAwait(false);
            try
            {
                await route.ContinueAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException)
            {
                // A stream requested by a page the browser has since left or closed.
            }
        });
        return hold;
    }

    /// <summary>Waits up to 30 s until the page has asked for its stream, and fails the test if it has not.</summary>
    public async Task WaitUntilRequestedAsync()
    {
        for (int i = 0; i < 300 && Volatile.Read(ref _held) == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Volatile.Read(ref _held) > 0, "the page did not open the live stream");
    }

    /// <summary>Lets the held requests, and any later ones, through.</summary>
    public void Release() => _release.TrySetResult();
}
