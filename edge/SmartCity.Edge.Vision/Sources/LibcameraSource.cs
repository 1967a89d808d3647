using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// A Raspberry Pi camera through libcamera: rpicam-vid/libcamera-vid (via Iot.Device.Camera) streams MJPEG to
/// stdout, <see cref="MjpegFrameScanner"/> cuts it into JPEG images and <see cref="FrameDecoder"/> decodes them
/// into pooled bgr24 frames. Broken or cut-off images are skipped and counted. The app starts on the first read;
/// its exit, or no frame within <see cref="FrameSourceOptions.StallTimeout"/>, fails the read with
/// <see cref="FrameSourceException"/>. Without a camera, the same path runs on recorded MJPEG bytes through the
/// <c>launch</c> parameter.
/// </summary>
public sealed class LibcameraSource : IFrameSource, IFrameSourceDiagnostics
{
    private const int ReadChunk = 64 * 1024;
    private const int MaxImageBytes = 16 * 1024 * 1024;

    private readonly FrameSourceOptions _options;
    private readonly FramePool _pool;
    private readonly TimeProvider _time;
    private readonly Func<IRawVideoProcess> _launch;
    private readonly BadFrameTracker _bad;
    private IRawVideoProcess? _process;
    private CancellationTokenSource? _stall;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4 * ReadChunk);
    private int _begin;
    private int _end;
    private long _sequence;

    /// <summary>Creates the source; <paramref name="launch"/> defaults to <see cref="LibcameraVidProcess.Start"/>.</summary>
    public LibcameraSource(
        FrameSourceOptions options, FramePool pool, ILogger? logger = null, TimeProvider? timeProvider = null, Func<IRawVideoProcess>? launch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        _options = options;
        _pool = pool;
        _time = timeProvider ?? TimeProvider.System;
        _launch = launch ?? (() => LibcameraVidProcess.Start(options));
        Name = "libcamera:" + (options.Device ?? "0");
        (Width, Height) = options.CameraSizeOrDefault;
        _bad = new BadFrameTracker(Name, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <inheritdoc />
    public double NominalFps => _options.Fps;

    /// <inheritdoc />
    public long CorruptFrames => _bad.Total;

    /// <inheritdoc />
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        IRawVideoProcess process = _process ??= _launch();
        while (true)
        {
            MjpegScanResult scan = MjpegFrameScanner.Scan(_buffer.AsSpan(_begin, _end - _begin), out int start, out int length);
            if (scan == MjpegScanResult.Complete)
            {
                ReadOnlySpan<byte> jpeg = _buffer.AsSpan(_begin + start, length);
                _begin += start + length;
                if (FrameDecoder.TryDecode(jpeg, _pool, out Frame? frame, out string? error))
                {
                    _bad.Good();
                    frame!.Sequence = _sequence++;
                    frame.Timestamp = _time.GetUtcNow();
                    return frame;
                }

                _bad.Bad(error!);
                continue;
            }

            if (scan == MjpegScanResult.Truncated)
            {
                _begin += start + length;
                _bad.Bad($"cut-off JPEG of {length} bytes");
                continue;
            }

            _begin += start;
            if (_end - _begin > MaxImageBytes)
            {
                _bad.Bad($"no end of image within {MaxImageBytes} bytes");
                _begin += 2;
                continue;
            }

            if (await FillAsync(process, cancellationToken).ConfigureAwait(false) == 0)
            {
                if (_end - _begin > 1)
                {
                    _bad.Bad($"truncated last JPEG: {_end - _begin} bytes");
                    _begin = _end;
                }

                int exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new FrameSourceException($"{Name}: the camera app stopped (exit {exitCode}): {process.ErrorTail}");
            }
        }
    }

    /// <summary>Stops the camera app and returns the buffer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
        }

        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _stall?.Dispose();
    }

    private async ValueTask<int> FillAsync(IRawVideoProcess process, CancellationToken cancellationToken)
    {
        if (_begin > 0)
        {
            // Move the unfinished image to the front so the buffer does not grow with the stream.
            _buffer.AsSpan(_begin, _end - _begin).CopyTo(_buffer);
            _end -= _begin;
            _begin = 0;
        }

        if (_buffer.Length - _end < ReadChunk)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        _stall ??= new CancellationTokenSource();
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(), _stall);
        _stall.CancelAfter(_options.StallTimeout);
        try
        {
            int read = await process.Output.ReadAsync(_buffer.AsMemory(_end), _stall.Token).ConfigureAwait(false);
            _end += read;
            return read;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrameSourceException($"{Name}: no data for {_options.StallTimeout.TotalSeconds:0.#} s (stalled).");
        }
        catch (IOException ex)
        {
            throw new FrameSourceException($"{Name}: reading the camera app's output failed: {ex.Message}", ex);
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
}
