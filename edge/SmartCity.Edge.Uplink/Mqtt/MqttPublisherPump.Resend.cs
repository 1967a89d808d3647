using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCity.Contracts;

namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>Gap fill: the pump answers the cloud's <c>cmd/resend</c> by republishing acknowledged records that are
/// still in the outbox's replay window, and reports what it did on <c>cmd-result</c> (through the outbox).</summary>
/// <remarks>
/// A broker acknowledges a publish before it persists it, so a broker <c>kill -9</c> can lose a record the outbox
/// already checkpointed. The cloud sees the hole in the seq and sends <c>{"from","to"}</c>; the republished records
/// keep their seq, so the store takes only the missing ones. Records after the checkpoint are not replayed: the
/// normal drain sends them anyway.
/// </remarks>
public sealed partial class MqttPublisherPump
{
    /// <summary>Command name the pump answers (topic <c>smartcity/v1/{device}/cmd/resend</c>).</summary>
    public const string ResendCommand = "resend";

    /// <summary>Widest seq range one resend request may ask for.</summary>
    public const long MaxResendSpan = 100_000;

    // Bounded and dropping: a request lost here is asked for again by the cloud after its rate limit.
    private readonly Channel<CommandPayload> _resendRequests = Channel.CreateBounded<CommandPayload>(
        new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _resendRequestCount;
    private long _replayedRecords;

    /// <summary>Resend requests received (valid or not).</summary>
    public long ResendRequests => Interlocked.Read(ref _resendRequestCount);

    /// <summary>Acknowledged records republished for resend requests.</summary>
    public long ReplayedRecords => Interlocked.Read(ref _replayedRecords);

    private async Task SubscribeToResendAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.Command(_options.DeviceId, ResendCommand)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        var result = await client.SubscribeAsync(subscribe, cancellationToken);
        foreach (var item in result.Items)
        {
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1
                or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                // Not fatal: uplink works without gap fill. The broker's ACL may not grant the command topic.
                UplinkLog.ResendRefused(_logger, _options.DeviceId, $"subscription to cmd/{ResendCommand} refused: {item.ResultCode}");
            }
        }
    }

    private Task OnCommandReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (!Topics.TryParse(message.Topic, out var device, out var kind, out var name)
            || kind != MessageKind.Command || name != ResendCommand || device != _options.DeviceId)
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _resendRequestCount);
        if (!WireJson.TryDeserialize(message.Payload, MessageKind.Command, out var payload, out var error))
        {
            UplinkLog.ResendRefused(_logger, _options.DeviceId, error);
            return Task.CompletedTask;
        }

        if (!WireValidator.TryValidate(_options.DeviceId, payload, out var invalid, ResendCommand))
        {
            UplinkLog.ResendRefused(_logger, _options.DeviceId, invalid);
            return Task.CompletedTask;
        }

        _resendRequests.Writer.TryWrite((CommandPayload)payload);
        return Task.CompletedTask;
    }

    private async Task RunReplayLoopAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var command in _resendRequests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await ReplayAsync(client, command, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    // The link dropped mid-replay, or the disk failed: the cloud asks again after its rate limit.
                    UplinkLog.ReplayInterrupted(_logger, _options.DeviceId, command.RequestId, 0, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReplayAsync(IMqttClient client, CommandPayload command, CancellationToken stoppingToken)
    {
        if (!TryReadRange(command, out var from, out var to, out var refusal))
        {
            UplinkLog.ResendRefused(_logger, _options.DeviceId, refusal);
            AppendResult(command, CommandOutcome.Rejected, refusal);
            return;
        }

        // Only acknowledged records: those after the checkpoint are on their way through the normal drain.
        var last = Math.Min(to, _outbox.Checkpoint);
        long replayed = 0;
        var next = from;
        var pending = new Task<MqttClientPublishResult>[_options.MaxInFlight];
        while (next <= last)
        {
            var records = _outbox.ReadRange(next, last, _options.BatchSize);
            if (records.Count == 0)
            {
                break;
            }

            for (var start = 0; start < records.Count; start += pending.Length)
            {
                var count = Math.Min(pending.Length, records.Count - start);
                for (var i = 0; i < count; i++)
                {
                    var record = records[start + i];
                    pending[i] = client.PublishAsync(BuildMessage(record.Topic, record.Payload, retain: false), stoppingToken);
                }

                for (var i = 0; i < count; i++)
                {
                    MqttClientPublishResult result;
                    try
                    {
                        result = await pending[i];
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        await DrainWindowAsync(pending, i + 1, count);
                        UplinkLog.ReplayInterrupted(_logger, _options.DeviceId, command.RequestId, replayed, ex.Message);
                        return;
                    }

                    if (IsSuccess(result.ReasonCode))
                    {
                        replayed++;
                        Interlocked.Increment(ref _replayedRecords);
                    }
                }
            }

            next = records[^1].Seq + 1;
        }

        var asked = to - from + 1;
        var missing = asked - replayed;
        UplinkLog.Replayed(_logger, _options.DeviceId, command.RequestId, from, to, replayed, missing);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"republished {replayed} of seq {from}..{to}; {missing} not republished (not yet acknowledged and sent by the normal drain, past the replay window, dropped by the quota, or never written)");
        AppendResult(command, CommandOutcome.Ok, message);
    }

    private static bool TryReadRange(CommandPayload command, out long from, out long to, out string refusal)
    {
        from = 0;
        to = 0;
        if (command.Args is null
            || !command.Args.TryGetValue("from", out var fromText)
            || !command.Args.TryGetValue("to", out var toText)
            || !long.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out from)
            || !long.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out to))
        {
            refusal = "args 'from' and 'to' must be non-negative integers";
            return false;
        }

        if (from < 1 || to < from)
        {
            refusal = string.Create(CultureInfo.InvariantCulture, $"range {from}..{to} is empty or starts below 1");
            return false;
        }

        if (to - from + 1 > MaxResendSpan)
        {
            refusal = string.Create(CultureInfo.InvariantCulture, $"range {from}..{to} is wider than {MaxResendSpan} seqs");
            return false;
        }

        refusal = "";
        return true;
    }

    /// <summary>Queues the <c>cmd-result</c> in the outbox, so it gets a seq like every uplink message and survives a crash.</summary>
    private void AppendResult(CommandPayload command, CommandOutcome outcome, string message)
    {
        var result = new CommandResultPayload
        {
            Device = _options.DeviceId,
            Seq = 0,
            Ts = DateTimeOffset.UtcNow,
            IntervalS = 0,
            RequestId = command.RequestId,
            Name = command.Name,
            Outcome = outcome,
            Message = message.Length > WireValidator.MaxTextLength ? message[..WireValidator.MaxTextLength] : message,
        };
        _outbox.Append(Topics.CommandResult(_options.DeviceId), result, static (seq, state, destination) =>
        {
            if (!WireJson.TrySerialize(state with { Seq = seq }, destination, out _, out var error))
            {
                throw new InvalidOperationException($"cmd-result for request '{state.RequestId}' cannot be serialized: {error}");
            }
        });
        _outbox.Flush();
    }
}
