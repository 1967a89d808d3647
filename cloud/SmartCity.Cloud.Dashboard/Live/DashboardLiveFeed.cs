using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Live;

/// <summary>
/// The push side of the dashboard. The host calls <see cref="Publish"/> after each batch the store accepted; every
/// <see cref="IDashboardBatchObserver"/> sees the batch and every open browser gets one server-sent event per message
/// (<c>/api/v1/live</c>), on which the open page re-reads what it shows.
/// </summary>
public sealed partial class DashboardLiveFeed
{
    // Per browser: bounded, dropping the oldest, because a slow or stalled browser must never hold up ingest. A dropped
    // event only costs that page a refresh it would have made anyway on the next event.
    private const int ClientQueue = 256;

    private readonly ConcurrentDictionary<long, Channel<LiveEvent>> _clients = new();
    private readonly IServiceProvider _services;
    private readonly ILogger<DashboardLiveFeed> _logger;
    private IDashboardBatchObserver[]? _observers;
    private long _nextClient;
    private long _published;
    private long _generation;

    /// <summary>Created by DI.</summary>
    public DashboardLiveFeed(IServiceProvider services, ILogger<DashboardLiveFeed> logger)
    {
        _services = services;
        _logger = logger;
    }

    /// <summary>Browsers connected to the live stream now.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Events published since start.</summary>
    public long PublishedEvents => Interlocked.Read(ref _published);

    /// <summary>
    /// Stored batches and feature events since start, whether or not a browser was listening. Pages are rendered with
    /// it and the live stream's <c>hello</c> carries it, so a page can tell whether anything was published between its
    /// rendering and its stream opening (and read again only then).
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Pushes a stored batch to observers and browsers. Never throws for a bad observer or a slow browser.</summary>
    public void Publish(IReadOnlyList<WirePayload> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Increment(ref _generation);
        // Resolved on first use, not in the constructor: observers may themselves depend on the feed.
        _observers ??= _services.GetServices<IDashboardBatchObserver>().ToArray();
        foreach (IDashboardBatchObserver observer in _observers)
        {
            try
            {
                observer.OnBatch(batch);
            }
            catch (Exception e)
            {
                LogObserverFailed(observer.GetType().Name, e);
            }
        }

        if (_clients.IsEmpty)
        {
            return;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            if (batch[i] is { } p)
            {
                Broadcast(new LiveEvent(KindName(p.Kind), Summarize(p)));
            }
        }
    }

    /// <summary>Pushes any other event (an alert fired, a configuration saved) to every browser.</summary>
    public void PublishEvent(string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(payload);
        if (eventName.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An event name cannot hold a line break.", nameof(eventName));
        }

        Interlocked.Increment(ref _generation);
        Broadcast(new LiveEvent(eventName, JsonSerializer.Serialize(payload, payload.GetType(), JsonSerializerOptions.Web)));
    }

    internal LiveSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(ClientQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        long id = Interlocked.Increment(ref _nextClient);
        _clients[id] = channel;
        return new LiveSubscription(channel.Reader, () =>
        {
            if (_clients.TryRemove(id, out Channel<LiveEvent>? c))
            {
                c.Writer.TryComplete();
            }
        });
    }

    private void Broadcast(LiveEvent e)
    {
        Interlocked.Increment(ref _published);
        foreach (Channel<LiveEvent> c in _clients.Values)
        {
            c.Writer.TryWrite(e);
        }
    }

    /// <summary>The envelope and what a page needs to decide whether to refresh (device, camera, interval).</summary>
    internal static string Summarize(WirePayload p)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", KindName(p.Kind));
            w.WriteString("device", p.Device);
            w.WriteNumber("seq", p.Seq);
            w.WriteString("ts", p.Ts.UtcDateTime);
            w.WriteString("start", p.Ts.UtcDateTime.AddSeconds(-p.IntervalS));
            w.WriteNumber("intervalS", p.IntervalS);
            switch (p)
            {
                case TrafficSummaryPayload t:
                    w.WriteString("camera", t.Camera);
                    w.WriteString("status", t.Status.ToString().ToLowerInvariant());
                    long total = 0;
                    if (t.Lines is { } lines)
                    {
                        foreach (LineCountEntry l in lines)
                        {
                            total += l.Count;
                        }
                    }

                    w.WriteNumber("lineCrossings", total);
                    break;
                case StatusPayload s:
                    w.WriteString("state", s.State == DeviceState.Online ? "online" : "offline");
                    break;
                case HealthPayload h:
                    w.WriteNumber("outboxDepth", h.OutboxDepth);
                    break;
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Status => "status",
        MessageKind.Traffic => "traffic",
        MessageKind.Air => "air",
        MessageKind.Health => "health",
        MessageKind.Events => "events",
        MessageKind.Command => "cmd",
        _ => "cmd-result",
    };

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Dashboard batch observer {Observer} failed; the batch is stored and other observers ran")]
    private partial void LogObserverFailed(string observer, Exception exception);
}
