using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Api;

/// <summary>Every kind of bad input gets a problem-details answer naming the field; never a stack trace.</summary>
public sealed class BadInputTests(DashboardHostFixture fixture) : IClassFixture<DashboardHostFixture>
{
    [Theory]
    [InlineData("api/v1/traffic?device=no-such-device", 404, "Unknown device", "device")]
    [InlineData("api/v1/air?device=no-such-device", 404, "Unknown device", "device")]
    [InlineData("api/v1/traffic?site=atlantis", 404, "Unknown site", "site")]
    [InlineData("api/v1/devices/no-such-device", 404, "Unknown device", "device")]
    [InlineData("api/v1/devices/no-such-device/health", 404, "Unknown device", "device")]
    [InlineData("api/v1/traffic?from=2025-03-10T10:00:00Z&to=2025-03-10T09:00:00Z", 400, "Impossible time range", "from")]
    [InlineData("api/v1/traffic?from=2025-03-10T10:00:00Z&to=2025-03-10T10:00:00Z", 400, "Impossible time range", "from")]
    [InlineData("api/v1/traffic?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z", 400, "Impossible time range", "from")]
    [InlineData("api/v1/air?from=1900-01-01T00:00:00Z", 400, "Impossible time range", "from")]
    [InlineData("api/v1/traffic?from=yesterday", 400, "Malformed query", "from")]
    [InlineData("api/v1/traffic?bin=5m", 400, "Malformed query", "bin")]
    [InlineData("api/v1/traffic?kind=zones", 400, "Malformed query", "kind")]
    [InlineData("api/v1/traffic?group=colour", 400, "Malformed query", "group")]
    [InlineData("api/v1/traffic?bogus=1", 400, "Malformed query", "bogus")]
    [InlineData("api/v1/traffic?bin=15m&bin=1h", 400, "Malformed query", "bin")]
    [InlineData("api/v1/traffic?device=tc-east-01&site=river-junction", 400, "Malformed query", "device")]
    [InlineData("api/v1/traffic?line=%00", 400, "Malformed query", "line")]
    [InlineData("api/v1/fleet?x=1", 400, "Malformed query", "x")]
    [InlineData("api/v1/traffic.csv?device=no-such-device", 404, "Unknown device", "device")]
    public async Task Bad_input_is_a_problem_naming_the_field(string url, int status, string title, string field)
    {
        using HttpResponseMessage r = await fixture.Host.Client.GetAsync(new Uri(url, UriKind.Relative));
        string body = await r.Content.ReadAsStringAsync();
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_csv_request_is_refused_with_413()
    {
        await using DashboardTestHost host = await DashboardTestHost.StartAsync(new DashboardTestHostOptions { Configure = o => o.MaxCsvRows = 50, Seed = SeedData.None });
        using HttpResponseMessage r = await host.Client.GetAsync(new Uri("api/v1/traffic.csv?from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z", UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        JsonElement problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("96 rows", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using HttpResponseMessage small = await host.Client.GetAsync(new Uri("api/v1/traffic.csv?from=2025-03-10T00:00:00Z&to=2025-03-10T12:00:00Z", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Pages_explain_bad_input_on_the_page()
    {
        using HttpResponseMessage r = await fixture.Host.Client.GetAsync(new Uri("traffic?device=no-such-device", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        string html = await r.Content.ReadAsStringAsync();
        Assert.Contains("id=\"page-error\"", html, StringComparison.Ordinal);
        Assert.Contains("No device &#x27;no-such-device&#x27;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_store_gives_a_problem_without_a_stack_trace()
    {
        await using DashboardTestHost host = await DashboardTestHost.StartAsync(new DashboardTestHostOptions
        {
            Seed = SeedData.None,
            Services = s => s.AddSingleton<Storage.ITimeSeriesStore>(new FailingStore()),
        });
        using HttpResponseMessage r = await host.Client.GetAsync(new Uri("api/v1/fleet", UriKind.Relative));
        string body = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("store is down", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
