using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCity.Cloud.Ingest;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Server.Commands;

/// <summary>
/// Sends commands to devices (<c>smartcity/v1/{device}/cmd/{name}</c>, QoS 1) through its own MQTT client — a trusted
/// cloud client id, the only kind the broker lets publish commands — and matches the <c>cmd-result</c> the ingest stores
/// to the request id, so an operator (API, CLI) sees the device's answer.
/// </summary>
internal sealed class DeviceCommands : IAsyncDisposable
{
    /// <summary>Client id of the command publisher (trusted by the embedded broker).</summary>
    public const string ClientId = "smartcity-server-commands";

    private const int KeptResultsPerDevice = 20;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandResultPayload>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<CommandResultPayload>> _results = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connect = new(1, 1);
    private long _seq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private long _sent;

    /// <summary>Creates the publisher for the broker in <paramref name="ingest"/> (same host, port, credentials and TLS).</summary>
    public DeviceCommands(IngestOptions ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        // Same broker, credentials and TLS as the ingest node; its own client id and a clean session.
        _options = IngestClientOptions.ConnectionTo(ingest)
            .WithClientId(ClientId)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
    }

    /// <summary>Commands published.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The ingest's <c>BatchStored</c> handler: completes waiting requests and keeps the latest results per device.</summary>
    public void OnBatchStored(object? sender, IngestBatchEventArgs e)
    {
        foreach (var payload in e.Payloads)
        {
            if (payload is not CommandResultPayload result)
            {
                continue;
            }

            var queue = _results.GetOrAdd(result.Device, _ => new ConcurrentQueue<CommandResultPayload>());
            queue.Enqueue(result);
            while (queue.Count > KeptResultsPerDevice && queue.TryDequeue(out _))
            {
            }

            if (_pending.TryRemove(result.RequestId, out var waiter))
            {
                waiter.TrySetResult(result);
            }
        }
    }

    /// <summary>The latest results a device sent (at most 20, oldest first).</summary>
    public IReadOnlyList<CommandResultPayload> ResultsOf(string device) =>
        _results.TryGetValue(device, out var queue) ? queue.ToArray() : [];

    /// <summary>
    /// Publishes <c>cmd/{name}</c> to <paramref name="device"/> and waits up to <paramref name="wait"/> for its
    /// <c>cmd-result</c>; the result is null when none arrived in time (the device may be offline: the broker keeps the
    /// command for its persistent session, and the result shows up later under <see cref="ResultsOf"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The device id, name or arguments break the wire contract.</exception>
    /// <exception cref="InvalidOperationException">The broker refused or could not be reached.</exception>
    public async Task<(string RequestId, CommandResultPayload? Result)> SendAsync(
        string device, string name, IReadOnlyDictionary<string, string> args, TimeSpan wait, CancellationToken cancellationToken)
    {
        string requestId = $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 33, WireValidator.MaxNameLength)];
        var command = new CommandPayload
        {
            Device = device,
            Seq = Interlocked.Increment(ref _seq),
            Ts = DateTimeOffset.UtcNow,
            IntervalS = 0,
            RequestId = requestId,
            Name = name,
            Args = args,
        };
        if (!WireValidator.TryValidate(device, command, out string? invalid, name))
        {
            throw new ArgumentException($"cmd/{name} for {device}: {invalid}");
        }

        var waiter = new TaskCompletionSource<CommandResultPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = waiter;
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(Topics.Command(device, name))
                .WithPayload(new ReadOnlySequence<byte>(WireJson.Serialize(command)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var published = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (published.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
            {
                throw new InvalidOperationException($"the broker refused cmd/{name} for {device}: {published.ReasonCode} {published.ReasonString}");
            }

            Interlocked.Increment(ref _sent);
            try
            {
                return (requestId, await waiter.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false));
            }
            catch (TimeoutException)
            {
                return (requestId, null);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"cmd/{name} for {device} not sent: {ex.Message}", ex);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        await _connect.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_client.IsConnected)
            {
                var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException($"the broker refused the command client: {result.ResultCode} {result.ReasonString}");
                }
            }
        }
        finally
        {
            _connect.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Already gone.
            }
        }

        _client.Dispose();
        _connect.Dispose();
    }
}
