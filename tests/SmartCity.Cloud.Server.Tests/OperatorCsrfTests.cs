using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Cloud.Server.Api;
using Xunit;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>
/// The operator endpoints (enrollment tokens, revocation, bundle push, rollback) accept a signed-in dashboard admin's
/// cookie only together with the page's antiforgery token: another site cannot make an admin's browser create an
/// enrollment token. The local control secret (technician CLI) needs none.
/// </summary>
public sealed partial class OperatorCsrfTests : IDisposable
{
    private const string AdminPassword = "csrf-test-admin-password";
    private readonly string _root = Directory.CreateTempSubdirectory("smartcity-csrf-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Admin_cookie_without_the_antiforgery_token_is_refused_with_it_accepted()
    {
        var options = new ServerOptions
        {
            Devices = 0,
            DataFolder = Path.Combine(_root, "cloud"),
            HttpPort = 0,
            HttpPortExplicit = true,
            BrokerPort = 0,
            BrokerPortExplicit = true,
            BrokerTlsPort = 0,
            BrokerTlsPortExplicit = true,
            AdminPassword = AdminPassword,
        };
        await using var server = new SmartCityServer(options, TextWriter.Null, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = server.RunAsync(timeout.Token);
        await server.Started.WaitAsync(timeout.Token);
        var baseAddress = LocalControl.Read(server.DataFolder)!.Url;

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = baseAddress };

        // Sign in through the login form, as a browser does (the form carries its own antiforgery field).
        string loginPage = await browser.GetStringAsync(new Uri("login", UriKind.Relative), timeout.Token);
        Match field = HiddenField().Match(loginPage);
        Assert.True(field.Success, "the login form has an antiforgery field");
        using var login = await browser.PostAsync(new Uri("login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
            ["username"] = "admin",
            ["password"] = AdminPassword,
        }), timeout.Token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // A cross-site request rides on the cookie but cannot read the page's token.
        using (var forged = await browser.PostAsJsonAsync(new Uri("api/enroll/tokens", UriKind.Relative), new { device = "pole-99" }, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(timeout.Token), StringComparison.OrdinalIgnoreCase);
        }

        // The dashboard's own page script sends the token from the page's meta tag.
        string page = await browser.GetStringAsync(new Uri("fleet", UriKind.Relative), timeout.Token);
        Match meta = CsrfMeta().Match(page);
        Assert.True(meta.Success, "a signed-in page carries the csrf-token meta tag");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/enroll/tokens", UriKind.Relative))
        {
            Content = JsonContent.Create(new { device = "pole-99" }),
        };
        request.Headers.Add("X-CSRF-TOKEN", WebUtility.HtmlDecode(meta.Groups["token"].Value));
        using (var accepted = await browser.SendAsync(request, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await timeout.CancelAsync();
        await run.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"(?<token>[^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
