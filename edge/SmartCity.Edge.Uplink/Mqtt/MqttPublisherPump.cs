using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Outbox;

namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>
/// Sends the outbox to the broker: reads from the checkpoint, publishes with QoS 1 and moves the checkpoint only
/// after each record's PUBACK; reconnects with jittered exponential backoff; publishes a retained birth message on
/// <c>status</c> at every connect and registers a retained "offline" last will.
/// </summary>
/// <remarks>
/// MQTTnet v5 has no managed client, so this loop is the reconnect logic and the outbox is the offline queue.
/// Delivery is at least once: records published but not checkpointed before a connection loss or crash are sent
/// again (counted in <see cref="UplinkHealth.Resent"/>); the cloud drops them by (device, seq).
/// </remarks>
public sealed partial class MqttPublisherPump
{
    private readonly DiskOutbox _outbox;
    private readonly UplinkOptions _options;
    private readonly MqttClientOptions _clientOptions;
    private readonly ReadOnlyMemory<byte> _birthPayload;
    private readonly ReadOnlyMemory<byte> _willPayload;
    private readonly ReconnectBackoff _backoff;
    private readonly ILogger _logger;
    private readonly string _statusTopic;
    private long _highestSent;
    private long _reconnects;
    private long _publishFailures;
    private long _resent;
    private long _rejected;
    private int _connected;

    /// <summary>Creates a pump for one device.</summary>
    /// <param name="outbox">The device's outbox.</param>
    /// <param name="options">Broker, identity and retry settings; validated here.</param>
    /// <param name="birthPayload">Retained <c>status</c> payload published on every connect ("online").</param>
    /// <param name="willPayload">Retained <c>status</c> payload the broker publishes when the device vanishes ("offline").</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <param name="random">Jitter source; null for <see cref="Random.Shared"/>.</param>
    public MqttPublisherPump(DiskOutbox outbox, UplinkOptions options, ReadOnlyMemory<byte> birthPayload,
        ReadOnlyMemory<byte> willPayload, ILogger? logger = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        _clientOptions = UplinkClientOptions.Build(options, willPayload);
        _outbox = outbox;
        _options = options;
        _birthPayload = birthPayload;
        _willPayload = willPayload;
        _backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, random);
        _logger = logger ?? NullLogger.Instance;
        _statusTopic = Topics.Status(options.DeviceId);
        _highestSent = outbox.Checkpoint;
    }

    /// <summary>Current counters, including the outbox depth.</summary>
    public UplinkHealth GetHealth()
    {
        var stats = _outbox.GetStats();
        return new UplinkHealth(
            Volatile.Read(ref _connected) == 1,
            stats.PendingRecords,
            stats.BytesOnDisk,
            stats.Checkpoint,
            Interlocked.Read(ref _reconnects),
            Interlocked.Read(ref _publishFailures),
            Interlocked.Read(ref _resent),
            Interlocked.Read(ref _rejected),
            stats.DroppedRecords,
            stats.TruncatedRecords);
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled; then publishes the "offline" status
    /// (best effort) and disconnects.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnCommandReceivedAsync;
        client.ApplicationMessageReceivedAsync += OnHandledCommandReceivedAsync;
        using var replayStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var replay = Task.Run(() => RunReplayLoopAsync(client, replayStop.Token), CancellationToken.None);
        var commands = Task.Run(() => RunCommandLoopAsync(replayStop.Token), CancellationToken.None);
        var connectionLost = NewSignal();
        client.DisconnectedAsync += _ =>
        {
            Volatile.Write(ref _connected, 0);
            Volatile.Read(ref connectionLost).TrySetResult();
            return Task.CompletedTask;
        };

        var attempt = 0;
        var everConnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Volatile.Write(ref connectionLost, NewSignal());
                var result = await client.ConnectAsync(_clientOptions, stoppingToken);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new MqttCommunicationException($"CONNECT refused: {result.ResultCode} {result.ReasonString}");
                }

                Volatile.Write(ref _connected, 1);
                if (everConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                everConnected = true;
                attempt = 0;
                UplinkLog.Connected(_logger, _options.DeviceId, _options.Host, _options.EffectivePort, result.IsSessionPresent, _outbox.Checkpoint);
                await PublishStatusAsync(client, _birthPayload, stoppingToken);
                await SubscribeToResendAsync(client, stoppingToken);
                await SubscribeToCommandsAsync(client, stoppingToken);
                await DrainAsync(client, Volatile.Read(ref connectionLost).Task, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Any failure of the link, the broker or the disk: back off and start over from the checkpoint,
                // the loop must outlive every one of them.
                Interlocked.Increment(ref _publishFailures);
                var delay = _backoff.NextDelay(attempt++);
                UplinkLog.Retrying(_logger, _options.DeviceId, _options.Host, _options.EffectivePort, ex.Message, delay.TotalMilliseconds);
                await DisconnectQuietlyAsync(client);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await replayStop.CancelAsync();
        await replay;
        await commands;
        await ShutdownAsync(client);
        UplinkLog.Stopped(_logger, _options.DeviceId, _outbox.Checkpoint);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool IsSuccess(MqttClientPublishReasonCode code) =>
        code is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;

    /// <summary>Refusals that will not change on retry: skipping is the only way not to block the queue forever.</summary>
    private static bool IsPermanent(MqttClientPublishReasonCode code) =>
        code is MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid
            or MqttClientPublishReasonCode.PayloadFormatInvalid;

    private static MqttApplicationMessage BuildMessage(string topic, ReadOnlyMemory<byte> payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();

    private async Task PublishStatusAsync(IMqttClient client, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var result = await client.PublishAsync(BuildMessage(_statusTopic, payload, retain: true), cancellationToken);
        if (!IsSuccess(result.ReasonCode))
        {
            throw new MqttCommunicationException($"status publish refused: {result.ReasonCode}");
        }
    }

    /// <summary>Publishes batches from the checkpoint until the connection drops or the token fires.</summary>
    private async Task DrainAsync(IMqttClient client, Task connectionLost, CancellationToken stoppingToken)
    {
        var pending = new Task<MqttClientPublishResult>[_options.MaxInFlight];
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var checkpoint = _outbox.Checkpoint;
            var batch = _outbox.ReadFrom(checkpoint, _options.BatchSize);
            if (batch.Count == 0)
            {
                var woke = await Task.WhenAny(_outbox.WaitForRecordsAsync(checkpoint, stoppingToken), connectionLost);
                if (woke == connectionLost)
                {
                    throw new MqttCommunicationException("connection lost while idle");
                }

                await woke; // surfaces cancellation
                continue;
            }

            var acknowledged = 0L;
            try
            {
                for (var start = 0; start < batch.Count; start += pending.Length)
                {
                    // A window of QoS 1 publishes in flight; MQTTnet writes them in call order and the checkpoint
                    // only ever covers the contiguous prefix whose PUBACKs arrived.
                    var count = Math.Min(pending.Length, batch.Count - start);
                    for (var i = 0; i < count; i++)
                    {
                        var record = batch[start + i];
                        if (record.Seq <= _highestSent)
                        {
                            Interlocked.Increment(ref _resent);
                        }

                        _highestSent = Math.Max(_highestSent, record.Seq);
                        pending[i] = client.PublishAsync(BuildMessage(record.Topic, record.Payload, retain: false), stoppingToken);
                    }

                    for (var i = 0; i < count; i++)
                    {
                        var record = batch[start + i];
                        MqttClientPublishResult result;
                        try
                        {
                            result = await pending[i];
                        }
                        catch
                        {
                            await DrainWindowAsync(pending, i + 1, count);
                            throw;
                        }
                        if (IsSuccess(result.ReasonCode))
                        {
                            acknowledged = record.Seq;
                            continue;
                        }

                        if (IsPermanent(result.ReasonCode))
                        {
                            Interlocked.Increment(ref _rejected);
                            UplinkLog.PublishRejected(_logger, _options.DeviceId, record.Seq, record.Topic, result.ReasonCode.ToString());
                            acknowledged = record.Seq;
                            continue;
                        }

                        UplinkLog.PublishRefused(_logger, _options.DeviceId, record.Seq, record.Topic, result.ReasonCode.ToString());
                        await DrainWindowAsync(pending, i + 1, count);
                        throw new MqttCommunicationException($"publish of seq {record.Seq} refused: {result.ReasonCode}");
                    }
                }
            }
            finally
            {
                if (acknowledged > 0)
                {
                    _outbox.Acknowledge(acknowledged);
                }
            }
        }
    }

    private static async Task DrainWindowAsync(Task<MqttClientPublishResult>[] pending, int from, int count)
    {
        // Observe the rest of the window so no task faults unobserved; their records are re-sent from the checkpoint.
        for (var i = from; i < count; i++)
        {
            try
            {
                await pending[i];
            }
            catch (Exception)
            {
                // Already counted by the caller's failure path.
            }
        }
    }

    private static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            await client.DisconnectAsync();
        }
        catch (Exception)
        {
            // The link is already gone; the next ConnectAsync starts over.
        }
    }

    private async Task ShutdownAsync(IMqttClient client)
    {
        if (client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.Timeout);
                // A clean DISCONNECT suppresses the will, so publish the "offline" status ourselves.
                await PublishStatusAsync(client, _willPayload, timeout.Token);
            }
            catch (Exception)
            {
                // Best effort: the retained status may stay "online" until the next connect.
            }
        }

        await DisconnectQuietlyAsync(client);
        Volatile.Write(ref _connected, 0);
    }
}
