using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Server.Api;

/// <summary>The JSON API served next to the dashboard: <c>/api/health</c>, <c>/api/devices</c>, <c>/api/traffic</c>.</summary>
internal static class ApiEndpoints
{
    // The server's own JSON (snake_case, enums as names); the dashboard's API keeps its own settings.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Maps the API of <paramref name="server"/>.</summary>
    public static WebApplication MapSmartCityApi(this WebApplication app, SmartCityServer server)
    {
        app.MapGet("/api/health", () => Results.Json(server.DescribeHealth(), Json));
        app.MapGet("/api/devices", async (CancellationToken ct) => Results.Json(await server.DescribeDevicesAsync(ct).ConfigureAwait(false), Json));
        app.MapGet("/api/traffic", async (int? hours, CancellationToken ct) =>
        {
            int h = Math.Clamp(hours ?? 1, 1, 24 * 31);
            var now = DateTimeOffset.UtcNow;
            var bins = await server.Store.QueryTrafficAsync(new TrafficQuery(now.AddHours(-h), now.AddMinutes(15), BinWidth.FifteenMinutes), ct).ConfigureAwait(false);
            return Results.Json(bins, Json);
        });
        return app;
    }
}
