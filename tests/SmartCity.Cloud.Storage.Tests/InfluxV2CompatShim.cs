using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Web;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>
/// What InfluxDB 1.8 adds over Debian's 1.6.7, in front of the real server: <c>POST /api/v2/write</c> mapped the way
/// 1.8 maps it (bucket "db/rp" or "db" → <c>/write?db=…&amp;rp=…</c>, org ignored, <c>Authorization: Token user:password</c>
/// → u/p, precision ns/us/ms/s → n/u/ms/s, gzip bodies inflated). Every other request (<c>/query</c>, <c>/write</c>,
/// <c>/ping</c>) is passed through unchanged, as is every answer, so the real server decides success and errors.
/// It listens on a loopback port that survives <see cref="Stop"/> and <see cref="StartAgainAsync"/> (a server that goes
/// down and comes back).
/// </summary>
public sealed class InfluxV2CompatShim : IAsyncDisposable
{
    private readonly Uri _upstream;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private HttpListener? _listener;
    private Task? _loop;
    private int _v2Writes;
    private int _passedThrough;

    private InfluxV2CompatShim(Uri upstream, int port)
    {
        _upstream = upstream;
        Uri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>Where the shim listens.</summary>
    public Uri Uri { get; }

    /// <summary>How many <c>/api/v2/write</c> requests were forwarded.</summary>
    public int V2Writes => Volatile.Read(ref _v2Writes);

    /// <summary>How many other requests were passed through.</summary>
    public int PassedThrough => Volatile.Read(ref _passedThrough);

    /// <summary>Every <c>/api/v2/write</c> as it arrived: query string, Authorization and Content-Encoding headers.</summary>
    public ConcurrentQueue<(string Query, string? Authorization, string? ContentEncoding)> V2Requests { get; } = new();

    /// <summary>Starts in front of <paramref name="upstream"/> on a free loopback port.</summary>
    public static async Task<InfluxV2CompatShim> StartAsync(Uri upstream)
    {
        // HttpListener cannot take port 0; a port found free can be taken by someone else before we bind, so retry.
        for (int attempt = 0; ; attempt++)
        {
            var shim = new InfluxV2CompatShim(upstream, FreePort());
            try
            {
                await shim.StartAgainAsync(TimeSpan.Zero);
                return shim;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                await shim.DisposeAsync();
            }
        }
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public void Stop()
    {
        HttpListener? listener = Interlocked.Exchange(ref _listener, null);
        listener?.Close();
    }

    /// <summary>Listens again on the same port, retrying while the port is still held (up to <paramref name="patience"/>).</summary>
    public async Task StartAgainAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add(Uri.AbsoluteUri);
            try
            {
                listener.Start();
                _listener = listener;
                _loop = AcceptAsync(listener);
                return;
            }
            catch (HttpListenerException) when (clock.Elapsed < patience)
            {
                listener.Close();
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        if (_loop is not null)
        {
            await _loop;
        }

        _http.Dispose();
    }

    private async Task AcceptAsync(HttpListener listener)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        HttpListenerResponse response = context.Response;
        try
        {
            byte[] body = await ReadBodyAsync(request);
            using HttpRequestMessage forward = request.Url!.AbsolutePath == "/api/v2/write" && request.HttpMethod == "POST"
                ? V2Write(request, body)
                : PassThrough(request, body);
            using HttpResponseMessage answer = await _http.SendAsync(forward);
            byte[] answerBody = await answer.Content.ReadAsByteArrayAsync();
            response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers)
            {
                if (header.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers[header.Key] = string.Join(",", header.Value);
                }
            }

            if (answer.Content.Headers.ContentType is { } type)
            {
                response.ContentType = type.ToString();
            }

            if (answerBody.Length > 0)
            {
                response.ContentLength64 = answerBody.Length;
                await response.OutputStream.WriteAsync(answerBody);
            }
        }
        catch (HttpRequestException ex)
        {
            response.StatusCode = (int)HttpStatusCode.BadGateway;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"{{\"code\":\"unavailable\",\"message\":\"shim: {ex.Message.Replace("\"", "'", StringComparison.Ordinal)}\"}}"));
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private HttpRequestMessage V2Write(HttpListenerRequest request, byte[] body)
    {
        Interlocked.Increment(ref _v2Writes);
        string? authorization = request.Headers["Authorization"];
        string? encoding = request.Headers["Content-Encoding"];
        V2Requests.Enqueue((request.Url!.Query, authorization, encoding));
        var query = HttpUtility.ParseQueryString(request.Url.Query);
        string bucket = query["bucket"] ?? "";
        int slash = bucket.IndexOf('/', StringComparison.Ordinal);
        var target = HttpUtility.ParseQueryString("");
        target["db"] = slash < 0 ? bucket : bucket[..slash];
        if (slash >= 0)
        {
            target["rp"] = bucket[(slash + 1)..];
        }

        target["precision"] = (query["precision"] ?? "ns") switch
        {
            "ns" => "n",
            "us" => "u",
            string p => p,
        };
        if (authorization is not null && authorization.StartsWith("Token ", StringComparison.Ordinal))
        {
            string credentials = authorization["Token ".Length..];
            int colon = credentials.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                target["u"] = credentials[..colon];
                target["p"] = credentials[(colon + 1)..];
            }
        }

        if (string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var inflated = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
            {
                gzip.CopyTo(inflated);
            }

            body = inflated.ToArray();
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        return new HttpRequestMessage(HttpMethod.Post, new Uri(_upstream, "write?" + target)) { Content = content };
    }

    private HttpRequestMessage PassThrough(HttpListenerRequest request, byte[] body)
    {
        Interlocked.Increment(ref _passedThrough);
        var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_upstream, request.Url!.PathAndQuery.TrimStart('/')));
        if (request.Headers["Authorization"] is { } authorization)
        {
            forward.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (body.Length > 0 || request.HttpMethod == "POST")
        {
            forward.Content = new ByteArrayContent(body);
            if (request.ContentType is { } type)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            if (request.Headers["Content-Encoding"] is { } encoding)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
            }
        }

        return forward;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
