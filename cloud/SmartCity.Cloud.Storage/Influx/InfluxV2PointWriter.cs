using System.Globalization;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;

namespace SmartCity.Cloud.Storage.Influx;

/// <summary>
/// Line protocol to <c>/api/v2/write</c> through one long-lived <see cref="InfluxDBClient"/> (InfluxDB 1.8+, 2.x, 3.x).
/// The whole batch goes as one record, so it is one request and the client builds no per-point objects; precision is
/// milliseconds, as on the v1 path. <see cref="WriteApiAsync"/> (not the batching <c>WriteApi</c>) is used because the
/// store may report a batch stored only after the server answered.
/// </summary>
internal sealed class InfluxV2PointWriter : IInfluxPointWriter
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly string _bucket;
    private readonly string _org;
    private readonly Uri _server;
    private readonly TimeSpan _timeout;

    /// <param name="options">Validated options with <see cref="InfluxStoreOptions.WriteApi"/> V2.</param>
    public InfluxV2PointWriter(InfluxStoreOptions options)
    {
        _server = options.ServerUri!;
        _bucket = options.EffectiveBucket;
        _org = options.Org;
        _timeout = options.Timeout;
        var clientOptions = new InfluxDBClientOptions(_server.AbsoluteUri)
        {
            Org = _org,
            Bucket = _bucket,
            Timeout = options.Timeout,
        };
        if (options.EffectiveWriteToken is { } token)
        {
            clientOptions.Token = token;
        }

        _client = new InfluxDBClient(clientOptions);
        if (options.Gzip)
        {
            _client.EnableGzip();
        }

        _writeApi = _client.GetWriteApiAsync();
    }

    public async Task WriteAsync(string lineProtocol, CancellationToken cancellationToken)
    {
        try
        {
            await _writeApi.WriteRecordAsync(lineProtocol, WritePrecision.Ms, _bucket, _org, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // The client reports a cancelled request as a failed one; the caller asked for it, so say so.
            throw new OperationCanceledException("The InfluxDB v2 write was cancelled.", ex, cancellationToken);
        }
        catch (InfluxException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Map(ex.Status, ex.Message, ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw Map(0, ex.Message, ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private InfluxWriteException Map(int status, string? message, Exception inner)
    {
        string bucket = $"bucket '{_bucket}' at {_server}";
        if (status == 0)
        {
            return new InfluxWriteException(
                $"InfluxDB /api/v2/write ({bucket}): no answer ({message}; request timeout {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s).",
                InfluxWriteApi.V2, 0, isTransient: true, inner);
        }

        bool transient = InfluxWriteException.IsTransientStatus(status);
        return new InfluxWriteException(
            $"InfluxDB /api/v2/write ({bucket}) answered {status.ToString(CultureInfo.InvariantCulture)} ({(transient ? "retrying may help" : "permanent")}): {InfluxV1PointWriter.ErrorText(message ?? "")}",
            InfluxWriteApi.V2, status, transient, inner);
    }
}
