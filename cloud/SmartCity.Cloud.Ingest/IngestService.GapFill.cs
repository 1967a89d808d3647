using System.Buffers;
using System.Globalization;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>The gap loop: asks a device to republish seqs missing for longer than the grace period.</summary>
/// <remarks>
/// A broker may acknowledge a device's publish and lose it before persisting (kill -9), and the device then never
/// sends it again: only the cloud can notice, from the hole in the seq. The device keeps acknowledged records for a
/// replay window (the edge outbox), so a <c>cmd/resend</c> with <c>from</c>/<c>to</c> brings them back.
/// </remarks>
public sealed partial class IngestService
{
    /// <summary>Command name of the resend request (topic <c>smartcity/v1/{device}/cmd/resend</c>).</summary>
    public const string ResendCommand = "resend";

    // The sender's own seq for commands: a process-wide counter started at the Unix time in milliseconds, so it keeps
    // rising across restarts without any state.
    private static long s_commandSeq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static long s_requestCounter;

    /// <summary>Longest run of stored seqs between two holes that one resend request still spans (republished in vain).</summary>
    private const long MaxStoredRunMergedInResend = 16;

    /// <summary>Request id prefix of a tail probe (a resend past the highest stored seq); its answer confirms the top of the stream.</summary>
    private const string TailProbePrefix = "tail-";

    /// <summary>Most holes of one device asked for in one round (one claim of the rate limit); the rest wait a round.</summary>
    private const int MaxHolesPerRequestRound = 32;

    private async Task RunGapLoopAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.GapGrace.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));
        using var timer = new PeriodicTimer(period, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RequestResendsAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    IngestLog.LoopFailed(_logger, ex, _options.ClientId, "gap loop");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RequestResendsAsync(CancellationToken stoppingToken)
    {
        foreach (var lost in _auditor.GiveUpGapsOlderThan(_options.GapGiveUpAfter))
        {
            IngestLog.GapGivenUp(_logger, lost.Device, lost.From, lost.To, lost.Age.TotalHours);
        }

        if (!_options.RequestResend || Volatile.Read(ref _client) is not { } client || !IsSubscribed())
        {
            return;
        }

        await RequestGapsAsync(client, stoppingToken).ConfigureAwait(false);
        if (_options.ProbeTails)
        {
            await ProbeTailsAsync(client, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks quiet devices for whatever follows their highest stored seq: the tail of a stream lost in the
    /// broker (a dead node's session, a broker crash) leaves no hole, since no later seq arrives.</summary>
    private async Task ProbeTailsAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        foreach (var (device, from) in _auditor.GetTailProbesDue(_options.TailProbeAfter, _options.ResendMinInterval, _options.GapGiveUpAfter))
        {
            if (!_auditor.TryClaimResend(device, _options.ResendMinInterval))
            {
                continue;
            }

            // One seq only: the answer's own seq shows the rest of a lost tail as a hole, which the gap fill asks for
            // precisely. A wide range would make every probe queued for an offline device replay its whole backlog
            // again once it reconnects (by then those records are acknowledged).
            await PublishResendAsync(client, device, from, from, TimeSpan.Zero, stoppingToken, TailProbePrefix).ConfigureAwait(false);
        }
    }

    private async Task RequestGapsAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var gaps = _auditor.GetGapsOlderThan(_options.GapGrace);
        if (gaps.Count == 0)
        {
            return;
        }

        // Holes per device, oldest seq first. One claim of the per-device rate limit covers a round of requests, one
        // per hole (at most MaxHolesPerRequestRound), so the device replays exactly what is missing.
        var perDevice = new Dictionary<string, List<SeqGap>>(StringComparer.Ordinal);
        foreach (var gap in gaps)
        {
            if (!perDevice.TryGetValue(gap.Device, out var holes))
            {
                perDevice[gap.Device] = holes = [];
            }

            holes.Add(gap);
        }

        foreach (var (device, holes) in perDevice)
        {
            if (!_auditor.TryClaimResend(device, _options.ResendMinInterval))
            {
                continue;
            }

            holes.Sort(static (a, b) => a.From.CompareTo(b.From));
            var requests = 0;
            for (var i = 0; i < holes.Count && requests < MaxHolesPerRequestRound; requests++)
            {
                // Holes close together go out as one range: the device republishes the few stored seqs between them too
                // (the store skips those), but answers once instead of once per hole. Each answer takes a seq of its own,
                // and with dense holes (a dead node's session taking every other message) one answer per hole would
                // feed the holes it is meant to close.
                var hole = holes[i];
                var from = hole.From;
                var to = Math.Min(hole.To, from + _options.MaxResendSpan - 1);
                var age = hole.Age;
                for (i++; i < holes.Count && holes[i].From - to - 1 <= MaxStoredRunMergedInResend && holes[i].To - from < _options.MaxResendSpan; i++)
                {
                    to = holes[i].To;
                    age = age > holes[i].Age ? age : holes[i].Age;
                }

                await PublishResendAsync(client, device, from, to, age, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PublishResendAsync(IMqttClient client, string device, long from, long to, TimeSpan age, CancellationToken stoppingToken,
        string prefix = "resend-")
    {
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{prefix}{from}-{to}-{Interlocked.Increment(ref s_requestCounter)}");
        var command = new CommandPayload
        {
            Device = device,
            Seq = Interlocked.Increment(ref s_commandSeq),
            Ts = _timeProvider.GetUtcNow().ToOffset(TimeSpan.Zero),
            IntervalS = 0,
            RequestId = requestId,
            Name = ResendCommand,
            Args = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["from"] = from.ToString(CultureInfo.InvariantCulture),
                ["to"] = to.ToString(CultureInfo.InvariantCulture),
            },
        };
        // Recorded before the publish: the answer may be stored before the PUBACK of the request comes back.
        _auditor.RequestSent(device, requestId);
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(Topics.Command(device, ResendCommand))
                .WithPayload(new ReadOnlySequence<byte>(WireJson.Serialize(command)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await client.PublishAsync(message, stoppingToken).ConfigureAwait(false);
            if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
            {
                IngestLog.ResendFailed(_logger, device, $"broker refused the command: {result.ReasonCode}");
                return;
            }

            Interlocked.Increment(ref _resendRequests);
            IngestLog.ResendRequested(_logger, device, from, to, age.TotalMilliseconds, requestId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            IngestLog.ResendFailed(_logger, device, ex.Message);
        }
    }
}
