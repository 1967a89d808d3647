using Microsoft.Playwright;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Auth;

/// <summary>Signing in through the real sign-in form, and collecting the page's script errors.</summary>
internal static class BrowserSignIn
{
    /// <summary>Opens /login, types the account and submits; returns once the browser has left the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, H6Host host, string role, string user, string returnUrl = "/registry")
    {
        host.EnsureAccount(role, user);
        // Generous: the CI box is a shared 2-core machine; the page itself loads in milliseconds when idle.
        await page.GotoAsync(
            new Uri(host.BaseAddress, "/login?returnUrl=" + Uri.EscapeDataString(returnUrl)).ToString(),
            new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", H6Host.Password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        // Poll the URL the client already tracks (updated on every committed navigation), then the new document
        // itself: no Playwright waiter on a navigation or load-state event. A WaitForLoadState after a Commit wait
        // could watch the POST's document, which the redirect replaces, and time out (seen once in a full CI run);
        // WaitForURL's own DOMContentLoaded wait once hung 60 s after the page had reached network idle, and with
        // WaitUntil = Commit it hung 60 s again in a full local run (session 18, "NetworkIdle" event fired). readyState
        // "complete" is after DOMContentLoaded, so the page's scripts have run as before.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (page.Url.Contains("/login", StringComparison.Ordinal))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"signing in as {user} ({role}): still on {page.Url} after 60 s");
            }

            await Task.Delay(50);
        }

        await page.Locator("main").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.WaitForFunctionAsync("document.readyState === 'complete'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
    }

    /// <summary>
    /// Records uncaught script errors and console errors of <paramref name="page"/>, and gives its actions and navigations
    /// 60 s: the CI box is a shared 2-core machine (load averages above 20 were seen), pages load in milliseconds when idle.
    /// </summary>
    public static List<string> TrackErrors(IPage page)
    {
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                errors.Add(m.Text);
            }
        };
        return errors;
    }

    public static void NoErrors(List<string> errors) => Assert.True(errors.Count == 0, "Browser errors: " + string.Join(" | ", errors));
}
