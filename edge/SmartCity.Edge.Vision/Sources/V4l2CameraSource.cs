using System.Buffers;
using System.Threading.Channels;
using Iot.Device.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// A USB or CSI camera through V4L2 (<see cref="VideoDevice"/> from Iot.Device.Bindings), capturing YUYV or MJPEG
/// at <see cref="FrameSourceOptions.Width"/>×<see cref="FrameSourceOptions.Height"/> (default 640×480) and
/// converting each buffer to bgr24. The binding's blocking capture loop runs on its own thread; the newest
/// frame waits in a one-slot buffer (older ones are returned to the pool). The camera opens on the first read.
/// An unplugged camera (its /dev/videoN gone), a capture error, or no frame within
/// <see cref="FrameSourceOptions.StallTimeout"/> fails the read with <see cref="FrameSourceException"/>, so the
/// supervisor reopens it. Not testable without a camera; its buffer handling is <see cref="V4l2FrameConverter"/>.
/// </summary>
public sealed class V4l2CameraSource : IFrameSource, IFrameSourceDiagnostics
{
    private static readonly TimeSpan DevicePresenceCheck = TimeSpan.FromSeconds(1);

    private readonly FrameSourceOptions _options;
    private readonly FramePool _pool;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly BadFrameTracker _bad;
    private readonly V4l2CaptureFormat _format;
    private readonly int _busId;
    private readonly string _devicePath;
    private readonly Channel<Frame> _latest;
    private readonly CancellationTokenSource _capture = new();
    private VideoDevice? _device;
    private Task? _captureTask;
    private CancellationTokenSource? _stall;
    private long _sequence;
    private long _lastPresenceCheck;

    /// <summary>Creates the source; <see cref="FrameSourceOptions.Device"/> is "/dev/videoN" (default /dev/video0).</summary>
    public V4l2CameraSource(FrameSourceOptions options, FramePool pool, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        if (!V4l2DevicePath.TryParse(options.Device, out _busId))
        {
            throw new ArgumentException($"Source:Device: '{options.Device}' is not a V4L2 device path like /dev/video0.", nameof(options));
        }

        if (!Enum.TryParse(options.CaptureFormat, ignoreCase: true, out _format))
        {
            throw new ArgumentException($"Source:CaptureFormat: '{options.CaptureFormat}' is not YUYV or MJPEG.", nameof(options));
        }

        _options = options;
        _pool = pool;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _devicePath = V4l2DevicePath.Format(_busId);
        Name = "v4l2:" + _devicePath;
        (Width, Height) = options.CameraSizeOrDefault;
        _bad = new BadFrameTracker(Name, _logger);
        _latest = Channel.CreateBounded<Frame>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            static dropped => dropped.Dispose());
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
        if (_captureTask is null)
        {
            Start();
        }

        // One reusable timer instead of a linked token source per frame.
        _stall ??= new CancellationTokenSource();
        using CancellationTokenRegistration link = cancellationToken.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(), _stall);
        _stall.CancelAfter(_options.StallTimeout);
        try
        {
            return await _latest.Reader.ReadAsync(_stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrameSourceException($"{Name}: no frame for {_options.StallTimeout.TotalSeconds:0.#} s (stalled).");
        }
        catch (ChannelClosedException ex)
        {
            throw new FrameSourceException($"{Name}: capture stopped: {ex.InnerException?.Message ?? "device closed"}", ex.InnerException ?? ex);
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

    /// <summary>Stops capturing, closes the device and returns a waiting frame to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await _capture.CancelAsync().ConfigureAwait(false);
        if (_captureTask is not null)
        {
            // A camera that stopped answering can block the binding's dequeue; do not hang the supervisor on it.
            await Task.WhenAny(_captureTask, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        }

        if (_device is not null)
        {
            _device.NewImageBufferReady -= OnBuffer;
            _device.Dispose();
            _device = null;
        }

        while (_latest.Reader.TryRead(out Frame? frame))
        {
            frame.Dispose();
        }

        _capture.Dispose();
        _stall?.Dispose();
    }

    private void Start()
    {
        if (!File.Exists(_devicePath))
        {
            throw new FrameSourceException($"{Name}: {_devicePath} does not exist (camera not connected?).");
        }

        VideoPixelFormat pixelFormat = _format == V4l2CaptureFormat.Mjpeg ? VideoPixelFormat.MJPEG : VideoPixelFormat.YUYV;
        var settings = new VideoConnectionSettings(_busId, ((uint)Width, (uint)Height), pixelFormat);
        _device = VideoDevice.Create(settings);
        // Pooled buffers come from ArrayPool<byte>.Shared and must go back there (see OnBuffer).
        _device.ImageBufferPoolingEnabled = true;
        _device.NewImageBufferReady += OnBuffer;
        SourceLog.CameraCapturing(_logger, Name, Width, Height, _format);
        VideoDevice device = _device;
        CancellationToken token = _capture.Token;
        _captureTask = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    device.StartCaptureContinuous();
                    device.CaptureContinuous(token);
                    device.StopCaptureContinuous();
                    _latest.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    _latest.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private void OnBuffer(object sender, NewImageBufferReadyEventArgs e)
    {
        try
        {
            if (!CheckDevicePresent())
            {
                return;
            }

            if (V4l2FrameConverter.TryConvert(e.ImageBuffer.AsSpan(0, e.Length), _format, Width, Height, _pool, out Frame? frame, out string? error))
            {
                _bad.Good();
                frame!.Sequence = _sequence++;
                frame.Timestamp = _time.GetUtcNow();
                if (!_latest.Writer.TryWrite(frame))
                {
                    frame.Dispose();
                }
            }
            else
            {
                _bad.Bad(error!);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(e.ImageBuffer);
        }
    }

    private bool CheckDevicePresent()
    {
        // The binding does not check its dequeue ioctl, so after an unplug it keeps handing out a stale buffer;
        // the vanished device node is the reliable sign. Checked once a second, not per frame.
        long now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastPresenceCheck, now) < DevicePresenceCheck)
        {
            return true;
        }

        _lastPresenceCheck = now;
        if (File.Exists(_devicePath))
        {
            return true;
        }

        _latest.Writer.TryComplete(new FrameSourceException($"{Name}: {_devicePath} disappeared (camera unplugged)."));
        _capture.Cancel();
        return false;
    }
}
