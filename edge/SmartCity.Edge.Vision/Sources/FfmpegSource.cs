using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// A video file or network stream (RTSP, HTTP) decoded by an <c>ffmpeg</c> child process that writes raw bgr24
/// frames to a pipe. The size comes from <see cref="FrameSourceOptions.Width"/>/<see cref="FrameSourceOptions.Height"/>
/// (ffmpeg scales) or from one ffprobe run. The process starts on the first <see cref="ReadAsync"/>.
/// Timestamps: wall clock for streams and real-time files; for files read as fast as possible, the media time
/// (open time + frame index / fps) so that offline runs keep the video's own time base.
/// </summary>
public sealed class FfmpegSource : IFrameSource, IFrameSourceDiagnostics
{
    private readonly FrameSourceOptions _options;
    private readonly FramePool _pool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, IReadOnlyList<string>, IRawVideoProcess> _launch;
    private readonly BadFrameTracker _bad;
    private IRawVideoProcess? _process;
    private CancellationTokenSource? _stall;
    private DateTimeOffset _openedAt;
    private long _sequence;
    private bool _ended;

    /// <summary>
    /// Creates the source. <paramref name="launch"/> starts the decoder (default: <see cref="RawVideoProcess.Start"/>);
    /// tests pass recorded bytes instead.
    /// </summary>
    public FfmpegSource(
        FrameSourceOptions options,
        FramePool pool,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Func<string, IReadOnlyList<string>, IRawVideoProcess>? launch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        _options = options;
        _pool = pool;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _launch = launch ?? RawVideoProcess.Start;
        Name = "ffmpeg:" + (options.IsNetworkStream ? options.Url : options.Path);
        Width = options.Width;
        Height = options.Height;
        NominalFps = options.Fps;
        _bad = new BadFrameTracker(Name, _logger);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Width { get; private set; }

    /// <inheritdoc />
    public int Height { get; private set; }

    /// <inheritdoc />
    public double NominalFps { get; private set; }

    /// <inheritdoc />
    public long CorruptFrames => _bad.Total;

    /// <inheritdoc />
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return null;
        }

        IRawVideoProcess process = _process ?? await StartAsync(cancellationToken).ConfigureAwait(false);
        (Frame? frame, int truncated) = await ReadFrameAsync(process, cancellationToken).ConfigureAwait(false);
        if (frame is not null)
        {
            _bad.Good();
            frame.Sequence = _sequence;
            frame.Timestamp = StampFor(_sequence);
            _sequence++;
            return frame;
        }

        if (truncated > 0)
        {
            _bad.Bad($"truncated last frame: {truncated} of {Width * Height * 3} bytes");
        }

        int exitCode = await WaitForExitAsync(process, cancellationToken).ConfigureAwait(false);
        if (exitCode == 0 && !_options.IsNetworkStream)
        {
            _ended = true;
            return null;
        }

        string why = exitCode == 0 ? "the stream ended" : $"ffmpeg exited with code {exitCode}";
        throw new FrameSourceException($"{Name}: {why} before the end of the stream: {process.ErrorTail}");
    }

    /// <summary>Stops ffmpeg if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
        }

        _stall?.Dispose();
        _stall = null;
    }

    private async ValueTask<IRawVideoProcess> StartAsync(CancellationToken cancellationToken)
    {
        bool scale = _options.Width > 0;
        if (!scale)
        {
            (int width, int height, double fps) = await VideoProbe.ProbeAsync(_options, _options.StallTimeout, cancellationToken)
                .ConfigureAwait(false);
            SourceLog.Probed(_logger, Name, width, height, fps);
            Width = width;
            Height = height;
            if (NominalFps <= 0)
            {
                NominalFps = fps;
            }
        }

        long needed = (long)Width * Height * 3;
        if (needed > _pool.CapacityBytes)
        {
            throw new FrameSourceException(
                $"{Name}: {Width}x{Height} frames ({needed} bytes) do not fit the frame pool ({_pool.CapacityBytes} bytes); set Source:Width and Source:Height to scale them down.");
        }

        IReadOnlyList<string> arguments = FfmpegCommand.Decode(_options, Width, Height, scale);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string commandLine = _options.FfmpegPath + " " + string.Join(' ', arguments);
            SourceLog.FfmpegStarted(_logger, commandLine);
        }

        _process = _launch(_options.FfmpegPath, arguments);
        _openedAt = _time.GetUtcNow();
        return _process;
    }

    private async ValueTask<(Frame? Frame, int Truncated)> ReadFrameAsync(IRawVideoProcess process, CancellationToken cancellationToken)
    {
        // One reusable timer token per source: a pipe that goes silent (camera gone, network down) must end the
        // read, since ffmpeg itself may wait on a dead RTSP connection for a long time.
        _stall ??= new CancellationTokenSource();
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(), _stall);
        _stall.CancelAfter(_options.StallTimeout);
        try
        {
            return await RawFrameReader.ReadAsync(process.Output, _pool, Width, Height, PixelFormat.Bgr24, _stall.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrameSourceException(
                $"{Name}: no frame for {_options.StallTimeout.TotalSeconds:0.#} s (stalled): {process.ErrorTail}");
        }
        catch (IOException ex)
        {
            throw new FrameSourceException($"{Name}: reading ffmpeg's output failed: {ex.Message}: {process.ErrorTail}", ex);
        }
        finally
        {
            if (!_stall.TryReset())
            {
                _stall.Dispose();
                _stall = null;
            }
        }
    }

    private static async ValueTask<int> WaitForExitAsync(IRawVideoProcess process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // stdout closed but the process lingers: treat it as a failure so the supervisor restarts it.
            return -1;
        }
    }

    private DateTimeOffset StampFor(long index)
    {
        if (_options.IsNetworkStream || _options.RealTime || NominalFps <= 0)
        {
            return _time.GetUtcNow();
        }

        return _openedAt + TimeSpan.FromSeconds(index / NominalFps);
    }
}
