using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Runs a frame source on a background task and hands its frames to one consumer through a small bounded channel
/// that drops the oldest frame when the consumer is slow (the dropped frame goes back to its pool and is counted),
/// or, with <see cref="SupervisedFrameSourceOptions.BackPressure"/>, makes the source wait for the consumer.
/// A source that throws, stalls or ends unexpectedly is disposed and opened again after an exponential backoff
/// with jitter; each restart is counted and reported through <see cref="HealthChanged"/> and <see cref="Health"/>.
/// The consumer never sees a source's exception: the channel only completes, at a normal end of stream or at stop.
/// Frames are renumbered here so <see cref="Frame.Sequence"/> keeps increasing across restarts.
/// </summary>
public sealed class SupervisedFrameSource : IAsyncDisposable
{
    private readonly Func<IFrameSource> _open;
    private readonly SupervisedFrameSourceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Frame> _channel;
    private readonly RestartBackoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;
    private IFrameSourceDiagnostics? _current;
    private long _framesRead;
    private long _dropped;
    private long _restarts;
    private long _corruptOfClosedSources;
    private int _state;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private TimeSpan? _nextRestartIn;
    private int _started;

    /// <summary>
    /// Creates the supervisor. <paramref name="open"/> creates a fresh source each time (the first time and after
    /// every failure); it may throw, which counts as a failure.
    /// </summary>
    public SupervisedFrameSource(
        string name,
        Func<IFrameSource> open,
        SupervisedFrameSourceOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        _options = options ?? new SupervisedFrameSourceOptions();
        _options.Validate();
        Name = name;
        _open = open;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _backoff = new RestartBackoff(_options.InitialBackoff, _options.MaxBackoff, _options.BackoffJitter);
        BackPressure = _options.BackPressure == true;
        var channelOptions = new BoundedChannelOptions(_options.ChannelCapacity)
        {
            FullMode = BackPressure ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
            SingleReader = false,
        };

        // A dropped frame still owns a pooled buffer: return it, or the pool allocates a new one per drop.
        _channel = Channel.CreateBounded<Frame>(channelOptions, frame =>
        {
            frame.Dispose();
            Interlocked.Increment(ref _dropped);
        });
    }

    /// <summary>The source's name, for logs and health.</summary>
    public string Name { get; }

    /// <summary>True when the source waits for a slow consumer (every frame is delivered) instead of dropping.</summary>
    public bool BackPressure { get; }

    /// <summary>The frames; the consumer disposes each one. Completes at a normal end of stream or at stop.</summary>
    public ChannelReader<Frame> Frames => _channel.Reader;

    /// <summary>The background task; completes when the source ended or the supervisor stopped. Never faults.</summary>
    public Task Completion => _pump;

    /// <summary>Raised (on the background task) when the state changes or a failure is recorded.</summary>
    public event EventHandler<SourceHealth>? HealthChanged;

    /// <summary>The current state and counters.</summary>
    public SourceHealth Health => new(
        Name,
        (SourceState)Volatile.Read(ref _state),
        Interlocked.Read(ref _restarts),
        Interlocked.Read(ref _framesRead),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _corruptOfClosedSources) + (Volatile.Read(ref _current)?.CorruptFrames ?? 0),
        Volatile.Read(ref _lastError),
        _lastErrorAt,
        _nextRestartIn);

    /// <summary>Starts reading in the background; a second call does nothing.</summary>
    public void Start(CancellationToken stoppingToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stop.Token);
        _pump = Task.Run(async () =>
        {
            using (linked)
            {
                await PumpAsync(linked.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    /// <summary>Stops the background task and returns every frame still buffered to its pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        while (_channel.Reader.TryRead(out Frame? frame))
        {
            frame.Dispose();
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        long sequence = 0;
        var watchdog = new ReadWatchdog(_options.StallTimeout);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                DateTimeOffset openedAt = _time.GetUtcNow();
                (bool ended, Exception? failure) = await RunOnceAsync(watchdog, () => sequence++, cancellationToken).ConfigureAwait(false);
                if (ended && !_options.RestartAtEnd)
                {
                    SourceLog.SourceEnded(_logger, Name);
                    SetState(SourceState.Ended);
                    return;
                }

                if (_time.GetUtcNow() - openedAt >= _options.HealthyPeriod)
                {
                    _backoff.Reset();
                }

                TimeSpan delay = _backoff.Next();
                long restart = Interlocked.Increment(ref _restarts);
                string error = failure?.Message ?? "end of stream (restarting at end)";
                Volatile.Write(ref _lastError, error);
                _lastErrorAt = _time.GetUtcNow();
                _nextRestartIn = delay;
                SourceLog.SourceFailed(_logger, Name, restart, delay, error);
                SetState(SourceState.Restarting);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                _nextRestartIn = null;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
        finally
        {
            watchdog.Dispose();
            if ((SourceState)Volatile.Read(ref _state) != SourceState.Ended)
            {
                SetState(SourceState.Stopped);
            }

            _channel.Writer.TryComplete();
        }
    }

    private async Task<(bool Ended, Exception? Failure)> RunOnceAsync(
        ReadWatchdog watchdog, Func<long> nextSequence, CancellationToken cancellationToken)
    {
        IFrameSource? source = null;
        try
        {
            source = _open();
            Volatile.Write(ref _current, source as IFrameSourceDiagnostics);
            SourceLog.SourceOpened(_logger, source.Name);
            SetState(SourceState.Running);
            while (true)
            {
                Frame? frame = await watchdog.ReadAsync(source, cancellationToken).ConfigureAwait(false);
                if (frame is null)
                {
                    return (true, null);
                }

                frame.Sequence = nextSequence();
                Interlocked.Increment(ref _framesRead);
                if (_channel.Writer.TryWrite(frame))
                {
                    continue;
                }

                if (!BackPressure)
                {
                    // Only a completed channel refuses a write (DropOldest never does when full).
                    frame.Dispose();
                    continue;
                }

                // Full, with back-pressure: wait until the consumer has taken a frame (or the supervisor stops).
                try
                {
                    while (await _channel.Writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (_channel.Writer.TryWrite(frame))
                        {
                            frame = null;
                            break;
                        }
                    }
                }
                finally
                {
                    frame?.Dispose();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return (false, ex);
        }
        finally
        {
            if (source is not null)
            {
                Volatile.Write(ref _current, null);
                if (source is IFrameSourceDiagnostics diagnostics)
                {
                    Interlocked.Add(ref _corruptOfClosedSources, diagnostics.CorruptFrames);
                }

                try
                {
                    await source.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    SourceLog.DisposeFailed(_logger, source.Name, ex);
                }
            }
        }
    }

    private void SetState(SourceState state)
    {
        Volatile.Write(ref _state, (int)state);
        HealthChanged?.Invoke(this, Health);
    }
}
