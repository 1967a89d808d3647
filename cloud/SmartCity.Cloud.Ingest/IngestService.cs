using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SmartCity.Cloud.Storage;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>
/// One cloud ingest node: an MQTT 5 client on the shared subscription <c>$share/{group}/smartcity/v1/+/+</c> with a
/// persistent session and QoS 1, that validates, batches and stores messages and acknowledges each one (PUBACK) only
/// after its batch is durable in the store (or, if it is malformed, in the dead-letter store). It audits seqs per
/// device and asks a device to resend a hole that stays open longer than <see cref="IngestOptions.GapGrace"/>.
/// </summary>
/// <remarks>
/// Four loops: the connection loop (connect, subscribe, wait for loss, back off with jitter, a new client per
/// connection so that an acknowledgement can never reach a later connection), the batch loop (fill a batch, parse
/// and validate it), the store loop (meanwhile store the previous batch, then ack it) and the gap loop (resend
/// requests, tail probes). A store that throws is retried with jittered backoff and nothing of the batch is
/// acknowledged meanwhile, so the broker keeps the messages. Nothing that comes off the network crashes a loop.
/// </remarks>
public sealed partial class IngestService : IAsyncDisposable
{
    private readonly ITimeSeriesStore _store;
    private readonly IDeadLetterStore _deadLetters;
    private readonly IngestOptions _options;
    private readonly ILogger _logger;
    private readonly SeqAuditor _auditor;
    private readonly TimeProvider _timeProvider;
    private readonly MqttClientOptions _clientOptions;
    private readonly string _subscription;
    private readonly Channel<PendingMessage> _received;
    private readonly Channel<BatchWork> _freeBatches;
    private readonly Channel<BatchWork> _classified;
    private readonly JitteredBackoff _reconnectBackoff;
    private readonly JitteredBackoff _storeBackoff;
    private readonly long[] _deadLetteredByReason = new long[Enum.GetValues<DeadLetterReason>().Length];
    private CancellationTokenSource? _stopping;
    private Task _loops = Task.CompletedTask;
    private IMqttClient? _client;
    private long _liveConnection;
    private long _subscribedConnection;
    private long _connectionCount;
    private long _receivedCount;
    private long _stored;
    private long _duplicates;
    private long _storeRetries;
    private long _batches;
    private long _acked;
    private long _abandoned;
    private long _resendRequests;
    private long _reconnects;
    private int _started;
    private int _stopped;

    /// <summary>Creates a node; nothing connects until <see cref="StartAsync"/>.</summary>
    /// <param name="store">Where valid messages go; <see cref="ITimeSeriesStore.WriteBatchAsync"/> must return only once durable.</param>
    /// <param name="deadLetters">Where malformed messages go.</param>
    /// <param name="options">Broker, batching and audit settings; validated here.</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <param name="auditor">Seq auditor, shared by the nodes of one process; null for a private one.</param>
    /// <param name="timeProvider">Clock; null for the system clock.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public IngestService(ITimeSeriesStore store, IDeadLetterStore deadLetters, IngestOptions options,
        ILogger<IngestService>? logger = null, SeqAuditor? auditor = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(deadLetters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _deadLetters = deadLetters;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _auditor = auditor ?? new SeqAuditor(_timeProvider);
        _clientOptions = IngestClientOptions.Build(options);
        _subscription = Topics.SharedSubscription(options.SharedGroup);
        _reconnectBackoff = new JitteredBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay);
        _storeBackoff = new JitteredBackoff(options.StoreRetryMin, options.StoreRetryMax);
        // Bounded: when the store is slower than the broker, the receive handler waits here, MQTTnet stops reading
        // the socket, and the broker holds the rest (Receive Maximum bounds what is in flight anyway).
        _received = Channel.CreateBounded<PendingMessage>(new BoundedChannelOptions(options.ReceiveMaximum + options.MaxBatchMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _freeBatches = Channel.CreateBounded<BatchWork>(PipelineDepth);
        _classified = Channel.CreateBounded<BatchWork>(new BoundedChannelOptions(PipelineDepth) { SingleReader = true, SingleWriter = true });
        for (var i = 0; i < PipelineDepth; i++)
        {
            _freeBatches.Writer.TryWrite(new BatchWork(options.MaxBatchMessages, _deadLetteredByReason.Length));
        }
    }

    /// <summary>Raised after each batch is durable, with its payloads (the dashboard's live feed). Runs on the batch
    /// loop: keep handlers short; an exception from one is logged and ignored.</summary>
    public event EventHandler<IngestBatchEventArgs>? BatchStored;

    /// <summary>The seq auditor this node reports to.</summary>
    public SeqAuditor Auditor => _auditor;

    /// <summary>Starts the audit from the store's last seqs, then the connection, batch and gap loops. Returns once
    /// they run; the node connects (and reconnects) in the background: see <see cref="IngestStats.Connected"/>.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The ingest service was already started.");
        }

        try
        {
            _auditor.Initialize(await _store.GetLastSeqAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store that is down must not keep ingest from starting: writes retry until it is back. The audit then
            // starts each device at the first seq it sees.
            IngestLog.AuditStartFailed(_logger, _options.ClientId, ex.Message);
        }

        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        _loops = Task.WhenAll(
            Task.Run(() => RunConnectionLoopAsync(token), CancellationToken.None),
            Task.Run(() => RunBatchLoopAsync(token), CancellationToken.None),
            Task.Run(() => RunStoreLoopAsync(token), CancellationToken.None),
            Task.Run(() => RunGapLoopAsync(token), CancellationToken.None));
    }

    /// <summary>Stops the loops and disconnects. Messages received but not yet stored stay unacknowledged, so the
    /// broker delivers them again to this session or, after it expires, to another node of the group.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not { } stopping || Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loops.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The loops end by cancellation.
        }

        while (_received.Reader.TryRead(out var left))
        {
            left.Release();
        }

        var stats = GetStats();
        IngestLog.Stopped(_logger, _options.ClientId, stats.Received, stats.Stored, stats.Duplicates, stats.DeadLettered);
    }

    /// <summary>Current counters.</summary>
    public IngestStats GetStats()
    {
        var byReason = new Dictionary<DeadLetterReason, long>();
        long deadLettered = 0;
        foreach (var reason in Enum.GetValues<DeadLetterReason>())
        {
            var count = Interlocked.Read(ref _deadLetteredByReason[(int)reason]);
            byReason[reason] = count;
            deadLettered += count;
        }

        return new IngestStats
        {
            Received = Interlocked.Read(ref _receivedCount),
            Stored = Interlocked.Read(ref _stored),
            Duplicates = Interlocked.Read(ref _duplicates),
            DeadLettered = deadLettered,
            DeadLetteredByReason = byReason,
            StoreRetries = Interlocked.Read(ref _storeRetries),
            Batches = Interlocked.Read(ref _batches),
            Acked = Interlocked.Read(ref _acked),
            AbandonedOnDisconnect = Interlocked.Read(ref _abandoned),
            GapsOpen = _auditor.GapsOpen,
            GapsClosed = _auditor.GapsClosed,
            SeqsGivenUp = _auditor.SeqsGivenUp,
            ResendRequests = Interlocked.Read(ref _resendRequests),
            Connected = IsSubscribed(),
            Reconnects = Interlocked.Read(ref _reconnects),
        };
    }

    private bool IsSubscribed()
    {
        var live = Interlocked.Read(ref _liveConnection);
        return live != 0 && Interlocked.Read(ref _subscribedConnection) == live;
    }

    /// <summary>Stops (if running) and releases the stop signal.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping?.Dispose();
    }

    private async Task RunConnectionLoopAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        var everConnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connection = Interlocked.Increment(ref _connectionCount);
            var client = new MqttClientFactory().CreateMqttClient();
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                // From here on no message of this connection may be acknowledged: the broker redelivers them.
                Interlocked.CompareExchange(ref _liveConnection, 0, connection);
                lost.TrySetResult();
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e => OnMessageReceivedAsync(e, connection, stoppingToken);
            try
            {
                var result = await client.ConnectAsync(_clientOptions, stoppingToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new MqttCommunicationException($"CONNECT refused: {result.ResultCode} {result.ReasonString}");
                }

                // Live before SUBSCRIBE: a resumed session delivers its queued messages right after CONNACK.
                Interlocked.Exchange(ref _liveConnection, connection);
                Volatile.Write(ref _client, client);
                var filter = await SubscribeAsync(client, stoppingToken).ConfigureAwait(false);

                Interlocked.Exchange(ref _subscribedConnection, connection);
                if (everConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                everConnected = true;
                attempt = 0;
                IngestLog.Connected(_logger, _options.ClientId, _options.BrokerHost, _options.BrokerPort, result.IsSessionPresent, filter);
                await lost.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                throw new MqttCommunicationException("connection lost");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _liveConnection, 0, connection);
                var delay = _reconnectBackoff.NextDelay(attempt++);
                IngestLog.Retrying(_logger, _options.ClientId, _options.BrokerHost, _options.BrokerPort, ex.Message, delay.TotalMilliseconds);
                await CloseAsync(client).ConfigureAwait(false);
                try
                {
                    await Task.Delay(delay, _timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (Volatile.Read(ref _client) is { } last)
        {
            Interlocked.Exchange(ref _liveConnection, 0);
            await CloseAsync(last).ConfigureAwait(false);
        }
    }

    /// <summary>Subscribes to the shared subscription, or, on a broker without shared subscriptions (MQTTnet's
    /// embedded server) and when allowed, to the plain uplink filter. Returns the filter in use.</summary>
    private async Task<string> SubscribeAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var code = await SubscribeOnceAsync(client, _subscription, stoppingToken).ConfigureAwait(false);
        if (code is MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2)
        {
            return _subscription;
        }

        if (code == MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported && _options.AllowNonSharedFallback)
        {
            // Correct but not scaled out: every node of the group now receives every message, and the store's
            // (device, seq) dedupe keeps it once. Fine for the one-node demo broker.
            IngestLog.NoSharedSubscriptions(_logger, _options.ClientId, Topics.UplinkFilter);
            code = await SubscribeOnceAsync(client, Topics.UplinkFilter, stoppingToken).ConfigureAwait(false);
            if (code is MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2)
            {
                return Topics.UplinkFilter;
            }
        }

        throw new MqttCommunicationException($"SUBSCRIBE {_subscription} refused or downgraded: {code}");
    }

    private static async Task<MqttClientSubscribeResultCode> SubscribeOnceAsync(IMqttClient client, string filter, CancellationToken stoppingToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build();
        var suback = await client.SubscribeAsync(subscribe, stoppingToken).ConfigureAwait(false);
        return suback.Items.Count == 0 ? MqttClientSubscribeResultCode.UnspecifiedError : suback.Items.First().ResultCode;
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e, long connection, CancellationToken stoppingToken)
    {
        // Acknowledged by the batch loop once the message is durable (stored or dead-lettered), never here.
        e.AutoAcknowledge = false;
        Interlocked.Increment(ref _receivedCount);
        var pending = new PendingMessage(e, connection, _timeProvider.GetUtcNow());
        try
        {
            await _received.Writer.WriteAsync(pending, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: not acknowledged, so the broker keeps it.
            pending.Release();
        }
    }

    private async Task CloseAsync(IMqttClient client)
    {
        if (ReferenceEquals(Volatile.Read(ref _client), client))
        {
            Volatile.Write(ref _client, null);
        }

        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // The link is gone already; the next connection starts over.
        }

        client.Dispose();
    }
}
