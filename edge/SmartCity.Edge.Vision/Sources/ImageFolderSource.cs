using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Imaging;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// The images (.jpg, .jpeg, .png, .bmp, .webp) of one folder, in ordinal order of file name, optionally looped.
/// Files that cannot be read or decoded (corrupt, truncated, empty) are skipped, counted in
/// <see cref="CorruptFrames"/> and logged once per burst. The file list is read when the source opens.
/// Timestamps: with <see cref="FrameSourceOptions.Fps"/> set and not real time, media time (open time + index / fps);
/// otherwise the time the file was read. With <see cref="FrameSourceOptions.RealTime"/> and Fps, reads are paced.
/// </summary>
public sealed class ImageFolderSource : IFrameSource, IFrameSourceDiagnostics
{
    private const int MaxFileBytes = 64 * 1024 * 1024;
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    private readonly FrameSourceOptions _options;
    private readonly FramePool _pool;
    private readonly TimeProvider _time;
    private readonly BadFrameTracker _bad;
    private string[]? _files;
    private byte[] _buffer = [];
    private int _next;
    private int _goodInPass;
    private long _sequence;
    private DateTimeOffset _openedAt;
    private DateTimeOffset _nextDue;

    /// <summary>Creates the source over <see cref="FrameSourceOptions.Path"/>.</summary>
    public ImageFolderSource(FrameSourceOptions options, FramePool pool, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _options = options;
        _pool = pool;
        _time = timeProvider ?? TimeProvider.System;
        Name = "folder:" + options.Path;
        _bad = new BadFrameTracker(Name, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Width { get; private set; }

    /// <inheritdoc />
    public int Height { get; private set; }

    /// <inheritdoc />
    public double NominalFps => _options.Fps;

    /// <inheritdoc />
    public long CorruptFrames => _bad.Total;

    /// <summary>The image files found when the source opened (empty before the first read).</summary>
    public IReadOnlyList<string> Files => _files ?? [];

    /// <inheritdoc />
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        string[] files = _files ?? Open();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_next == files.Length)
            {
                if (!_options.Loop)
                {
                    return null;
                }

                if (_goodInPass == 0)
                {
                    // Looping over a folder where nothing decodes would spin for ever.
                    throw new FrameSourceException($"{Name}: none of the {files.Length} images decodes ({_bad.LastReason}).");
                }

                _next = 0;
                _goodInPass = 0;
            }

            string file = files[_next++];
            if (!TryLoad(file, out int length, out string? readError))
            {
                _bad.Bad($"{Path.GetFileName(file)}: {readError}");
                continue;
            }

            if (!FrameDecoder.TryDecode(_buffer.AsSpan(0, length), _pool, out Frame? frame, out string? error))
            {
                _bad.Bad($"{Path.GetFileName(file)}: {error}");
                continue;
            }

            _bad.Good();
            _goodInPass++;
            await PaceAsync(cancellationToken).ConfigureAwait(false);
            Width = frame!.Width;
            Height = frame.Height;
            frame.Sequence = _sequence;
            frame.Timestamp = _options.Fps > 0 && !_options.RealTime
                ? _openedAt + TimeSpan.FromSeconds(_sequence / _options.Fps)
                : _time.GetUtcNow();
            _sequence++;
            return frame;
        }
    }

    /// <summary>Returns the read buffer.</summary>
    public ValueTask DisposeAsync()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        return ValueTask.CompletedTask;
    }

    private string[] Open()
    {
        string folder = _options.Path!;
        if (!Directory.Exists(folder))
        {
            throw new FrameSourceException($"{Name}: folder does not exist.");
        }

        var files = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            string extension = Path.GetExtension(file);
            foreach (string known in Extensions)
            {
                if (extension.Equals(known, StringComparison.OrdinalIgnoreCase))
                {
                    files.Add(file);
                    break;
                }
            }
        }

        if (files.Count == 0)
        {
            throw new FrameSourceException($"{Name}: no images ({string.Join(", ", Extensions)}) in the folder.");
        }

        files.Sort(StringComparer.Ordinal);
        _files = [.. files];
        _openedAt = _time.GetUtcNow();
        _nextDue = _openedAt;
        return _files;
    }

    private bool TryLoad(string file, out int length, out string? error)
    {
        length = 0;
        try
        {
            // One reused buffer instead of File.ReadAllBytes: no allocation per image once it is large enough.
            using SafeFileHandle handle = File.OpenHandle(file);
            long size = RandomAccess.GetLength(handle);
            if (size > MaxFileBytes)
            {
                error = $"file of {size} bytes is larger than {MaxFileBytes}";
                return false;
            }

            if (_buffer.Length < size)
            {
                if (_buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                }

                _buffer = ArrayPool<byte>.Shared.Rent((int)size);
            }

            while (length < size)
            {
                int read = RandomAccess.Read(handle, _buffer.AsSpan(length, (int)size - length), length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = "cannot be read: " + ex.Message;
            return false;
        }
    }

    private async ValueTask PaceAsync(CancellationToken cancellationToken)
    {
        if (!_options.RealTime || _options.Fps <= 0)
        {
            return;
        }

        TimeSpan wait = _nextDue - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan period = TimeSpan.FromSeconds(1 / _options.Fps);
        // A slow disk should not make the source race afterwards to catch up.
        _nextDue = (_nextDue + period < now ? now : _nextDue) + period;
    }
}
