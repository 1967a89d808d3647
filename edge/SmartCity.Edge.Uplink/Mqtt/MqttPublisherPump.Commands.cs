using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCity.Contracts;

namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>Answers a cloud command (<c>cmd/{name}</c>) with the <c>cmd-result</c> payload to send back (its seq is assigned
/// by the outbox). Must not throw for bad arguments; an exception is reported as outcome <c>failed</c>.</summary>
public delegate ValueTask<CommandResultPayload> DeviceCommandHandler(CommandPayload command, CancellationToken cancellationToken);

/// <summary>General command hook: besides <c>cmd/resend</c> (answered by the pump itself) the pump subscribes to the
/// command names given to <see cref="SetCommandHandler"/> (e.g. <c>model</c>, <c>config</c>, <c>rollback</c>), runs
/// them one at a time on their own task — never on the MQTT receive path, so a model install that takes seconds does
/// not stall PUBACKs — and appends each result to the outbox as <c>cmd-result</c>, with a seq like every uplink message.</summary>
/// <remarks>QoS 1 may deliver a command twice: the last 64 request ids are remembered and a repeat is not run again.</remarks>
public sealed partial class MqttPublisherPump
{
    private const int RememberedRequests = 64;

    private readonly Channel<CommandPayload> _commands = Channel.CreateBounded<CommandPayload>(
        new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Queue<string> _recentRequests = new();
    private HashSet<string> _commandNames = new(StringComparer.Ordinal);
    private DeviceCommandHandler? _commandHandler;
    private long _commandsReceived;
    private long _commandsAnswered;

    /// <summary>Commands received for the handler (valid or not, repeats included).</summary>
    public long CommandsReceived => Interlocked.Read(ref _commandsReceived);

    /// <summary>Commands answered with a <c>cmd-result</c> in the outbox.</summary>
    public long CommandsAnswered => Interlocked.Read(ref _commandsAnswered);

    /// <summary>Subscribes to <c>cmd/{name}</c> for each of <paramref name="names"/> and hands them to <paramref name="handler"/>.
    /// Call before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">A name is not a valid command name, or is <see cref="ResendCommand"/>.</exception>
    public void SetCommandHandler(IEnumerable<string> names, DeviceCommandHandler handler)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(handler);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            _ = Topics.Command(_options.DeviceId, name); // validates the name
            if (name == ResendCommand)
            {
                throw new ArgumentException($"'{ResendCommand}' is answered by the pump itself.", nameof(names));
            }

            set.Add(name);
        }

        _commandNames = set;
        _commandHandler = handler;
    }

    private async Task SubscribeToCommandsAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        if (_commandHandler is null || _commandNames.Count == 0)
        {
            return;
        }

        // One filter per name (not cmd/+), so cmd/resend is never delivered twice through overlapping subscriptions.
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var name in _commandNames)
        {
            builder.WithTopicFilter(f => f.WithTopic(Topics.Command(_options.DeviceId, name)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        var result = await client.SubscribeAsync(builder.Build(), cancellationToken);
        foreach (var item in result.Items)
        {
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                CommandLog.Refused(_logger, _options.DeviceId, $"subscription to {item.TopicFilter.Topic} refused: {item.ResultCode}");
            }
        }
    }

    private Task OnHandledCommandReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (_commandHandler is null
            || !Topics.TryParse(message.Topic, out var device, out var kind, out var name)
            || kind != MessageKind.Command || device != _options.DeviceId || name is null || !_commandNames.Contains(name))
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _commandsReceived);
        if (!WireJson.TryDeserialize(message.Payload, MessageKind.Command, out var payload, out var error))
        {
            CommandLog.Refused(_logger, _options.DeviceId, $"cmd/{name}: {error}");
            return Task.CompletedTask;
        }

        if (!WireValidator.TryValidate(_options.DeviceId, payload, out var invalid, name))
        {
            CommandLog.Refused(_logger, _options.DeviceId, $"cmd/{name}: {invalid}");
            return Task.CompletedTask;
        }

        if (!_commands.Writer.TryWrite((CommandPayload)payload))
        {
            CommandLog.Refused(_logger, _options.DeviceId, $"cmd/{name}: {((CommandPayload)payload).RequestId} dropped, 32 commands already queued");
        }

        return Task.CompletedTask;
    }

    private async Task RunCommandLoopAsync(CancellationToken stoppingToken)
    {
        if (_commandHandler is not { } handler)
        {
            return;
        }

        try
        {
            await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
            {
                if (_recentRequests.Contains(command.RequestId))
                {
                    continue; // a QoS 1 repeat of a command already answered
                }

                _recentRequests.Enqueue(command.RequestId);
                if (_recentRequests.Count > RememberedRequests)
                {
                    _recentRequests.Dequeue();
                }

                CommandResultPayload result;
                try
                {
                    result = await handler(command, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    result = new CommandResultPayload
                    {
                        Device = _options.DeviceId,
                        Seq = 0,
                        Ts = DateTimeOffset.UtcNow,
                        IntervalS = 0,
                        RequestId = command.RequestId,
                        Name = command.Name,
                        Outcome = CommandOutcome.Failed,
                        Message = ex.Message.Length > WireValidator.MaxTextLength ? ex.Message[..WireValidator.MaxTextLength] : ex.Message,
                    };
                }

                try
                {
                    _outbox.Append(Topics.CommandResult(_options.DeviceId), result with { Device = _options.DeviceId }, static (seq, state, destination) =>
                    {
                        if (!WireJson.TrySerialize(state with { Seq = seq }, destination, out _, out var error))
                        {
                            throw new InvalidOperationException($"cmd-result for request '{state.RequestId}' cannot be serialized: {error}");
                        }
                    });
                    _outbox.Flush();
                    Interlocked.Increment(ref _commandsAnswered);
                    CommandLog.Answered(_logger, _options.DeviceId, command.Name, command.RequestId, result.Outcome.ToString());
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
                {
                    CommandLog.Refused(_logger, _options.DeviceId, $"cmd/{command.Name} {command.RequestId}: result not queued: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static partial class CommandLog
    {
        [LoggerMessage(4140, LogLevel.Information, "Uplink {DeviceId}: cmd/{Name} {RequestId} answered: {Outcome}")]
        public static partial void Answered(ILogger logger, string deviceId, string name, string requestId, string outcome);

        [LoggerMessage(4141, LogLevel.Warning, "Uplink {DeviceId}: command refused: {Reason}")]
        public static partial void Refused(ILogger logger, string deviceId, string reason);
    }
}
