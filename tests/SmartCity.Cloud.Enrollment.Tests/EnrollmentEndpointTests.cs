using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCity.Cloud.Enrollment.Tests;

/// <summary>The endpoints on a real Kestrel on a loopback port.</summary>
public sealed class EnrollmentEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smartcity-enrollment-http", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    private EnrollmentService Service => _app!.Services.GetRequiredService<EnrollmentService>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Enrollment:DataFolder"] = _folder;
        builder.Configuration["Enrollment:BrokerHost"] = "broker.test";
        builder.AddEnrollment();
        builder.Services.AddAuthentication("test").AddScheme<AuthenticationSchemeOptions, HeaderRoleHandler>("test", null);
        builder.Services.AddAuthorizationBuilder().AddPolicy("admin", p => p.RequireRole("admin"));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapEnrollment();
        _app.MapEnrollmentAdmin("admin");
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Enroll_answers_200_then_409_for_the_same_token()
    {
        using var key = CsrFactory.P256();
        var token = Service.CreateToken("pole-0100");
        var body = new EnrollmentRequest { Token = token.Token, Csr = CsrFactory.For("pole-0100", key) };

        using var first = await Http.PostAsJsonAsync("/api/enroll", body, EnrollmentJsonContext.Default.EnrollmentRequest);
        using var second = await Http.PostAsJsonAsync("/api/enroll", body, EnrollmentJsonContext.Default.EnrollmentRequest);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var reply = await first.Content.ReadFromJsonAsync(EnrollmentJsonContext.Default.EnrollmentResponse);
        Assert.Equal("pole-0100", reply!.Device);
        Assert.Equal("broker.test", reply.Broker.Host);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already used", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_token_is_401_and_garbage_is_400()
    {
        using var key = CsrFactory.P256();
        using var unknown = await Http.PostAsJsonAsync("/api/enroll", new EnrollmentRequest { Token = "sct_x", Csr = CsrFactory.For("pole-0101", key) }, EnrollmentJsonContext.Default.EnrollmentRequest);
        using var garbage = await Http.PostAsync("/api/enroll", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var empty = await Http.PostAsJsonAsync("/api/enroll", new EnrollmentRequest(), EnrollmentJsonContext.Default.EnrollmentRequest);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Ca_and_crl_are_public()
    {
        string ca = await Http.GetStringAsync("/api/enroll/ca");
        string crl = await Http.GetStringAsync("/api/enroll/crl");

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", ca, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN X509 CRL-----", crl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("operator", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Admin_endpoints_refuse_anonymous_and_operator(string? role, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/enroll/tokens")
        {
            Content = JsonContent.Create(new TokenRequest { Device = "pole-0102" }, EnrollmentJsonContext.Default.TokenRequest),
        };
        if (role is not null)
        {
            request.Headers.Add("X-Test-Role", role);
        }

        using var response = await Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var token = await response.Content.ReadFromJsonAsync(EnrollmentJsonContext.Default.TokenResponse);
            Assert.StartsWith(EnrollmentService.TokenPrefix, token!.Token, StringComparison.Ordinal);
        }
    }

    /// <summary>Authenticates a request carrying X-Test-Role with that role; others stay anonymous.</summary>
    private sealed class HeaderRoleHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Test-Role", out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "tester"), new Claim(ClaimTypes.Role, role.ToString())], "test");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), "test")));
        }
    }
}
