using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Live;

/// <summary>The server-sent event stream <c>/api/v1/live</c>.</summary>
public sealed class LiveModule : IDashboardModule
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public int Order => 100;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options) => services.TryAddSingleton<DashboardLiveFeed>();

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/live", StreamAsync)
            .WithTags("Live")
            .WithName("LiveEvents")
            .WithSummary("Server-sent events: one event per stored message (traffic, air, health, status) and feature events such as alerts.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task StreamAsync(HttpContext context, DashboardLiveFeed feed)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        CancellationToken aborted = context.RequestAborted;
        using LiveSubscription subscription = feed.Subscribe();
        var text = new StringBuilder(512);
        try
        {
            // The browser reconnects after 2 s if the stream breaks; "hello" lets the page show it is live. Its
            // generation is read after subscribing: whatever is published later reaches this stream, so a page whose
            // rendering saw the same generation has missed nothing.
            string hello = string.Create(
                CultureInfo.InvariantCulture, $"retry: 2000\nevent: hello\ndata: {{\"generation\":{feed.Generation}}}\n\n");
            await response.WriteAsync(hello, aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            while (!aborted.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                beat.CancelAfter(Heartbeat);
                bool more;
                try
                {
                    more = await subscription.Reader.WaitToReadAsync(beat.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    break;
                }

                text.Clear();
                while (subscription.Reader.TryRead(out LiveEvent e))
                {
                    text.Append("event: ").Append(e.Name).Append("\ndata: ").Append(e.Json).Append("\n\n");
                }

                await response.WriteAsync(text.ToString(), aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser went away.
        }
    }
}
