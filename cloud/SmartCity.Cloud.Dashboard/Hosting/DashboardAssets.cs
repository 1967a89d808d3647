using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmartCity.Cloud.Dashboard.Hosting;

/// <summary>
/// Serves the embedded files of every <c>Assets/</c> folder at <c>/assets/{name}</c>: read once, with a content hash as
/// ETag, so a browser revalidates cheaply and nothing is fetched from outside the city's machine.
/// </summary>
internal static class DashboardAssets
{
    private const string Prefix = "assets/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Files = new(Load);

    /// <summary>The names of the embedded assets.</summary>
    public static IEnumerable<string> Names => Files.Value.Keys;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!Files.Value.TryGetValue(name, out Asset? asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            string? inm = context.Request.Headers.IfNoneMatch;
            if (inm == asset.ETag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ETag = asset.ETag;
            return Results.Bytes(asset.Content, asset.ContentType);
        }).ExcludeFromDescription();
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            string name = resource[Prefix.Length..];
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            files[name] = new Asset(bytes, ContentTypeOf(name), etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToUpperInvariant() switch
    {
        ".CSS" => "text/css; charset=utf-8",
        ".JS" => "text/javascript; charset=utf-8",
        ".SVG" => "image/svg+xml",
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".ICO" => "image/x-icon",
        ".JSON" => "application/json",
        ".WOFF2" => "font/woff2",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
