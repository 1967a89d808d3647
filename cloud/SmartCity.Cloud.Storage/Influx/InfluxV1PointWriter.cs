using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>Line protocol to the 1.x <c>/write</c> endpoint (precision ms) over the store's own <see cref="HttpClient"/>.</summary>
internal sealed class InfluxV1PointWriter : IInfluxPointWriter
{
    private readonly HttpClient _http;
    private readonly Uri _writeUri;

    /// <param name="http">The store's client (base address, authentication, timeout); not owned.</param>
    /// <param name="options">Validated options.</param>
    public InfluxV1PointWriter(HttpClient http, InfluxStoreOptions options)
    {
        _http = http;
        string rp = options.RetentionPolicy is { } policy ? "&rp=" + Uri.EscapeDataString(policy) : "";
        _writeUri = new Uri($"write?db={Uri.EscapeDataString(options.Database)}{rp}&precision=ms", UriKind.Relative);
    }

    public async Task WriteAsync(string lineProtocol, CancellationToken cancellationToken)
    {
        using var content = new StringContent(lineProtocol, Encoding.UTF8, "text/plain");
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(_writeUri, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxWriteException($"InfluxDB /write at {_http.BaseAddress}: no answer ({ex.Message}).", InfluxWriteApi.V1, 0, isTransient: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxWriteException($"InfluxDB /write at {_http.BaseAddress}: no answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", InfluxWriteApi.V1, 0, isTransient: true, ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return;
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            bool transient = InfluxWriteException.IsTransientStatus(status);
            throw new InfluxWriteException(
                $"InfluxDB /write answered {status.ToString(CultureInfo.InvariantCulture)} ({(transient ? "retrying may help" : "permanent")}): {ErrorText(body)}",
                InfluxWriteApi.V1, status, transient);
        }
    }

    public void Dispose()
    {
        // The HttpClient belongs to the store.
    }

    /// <summary>The <c>error</c> of InfluxDB's JSON error body (it names the line or field), else the body as it came.</summary>
    internal static string ErrorText(string body)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, for instance): show it as it is.
        }

        return body;
    }
}
