using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Creates frame sources from <see cref="FrameSourceOptions"/>: the built-in types plus any registered by the
/// composition root (the agent registers "synthetic" from the Simulation project, which Vision does not reference).
/// </summary>
public sealed class FrameSourceFactory
{
    private readonly Dictionary<string, Func<FrameSourceOptions, FramePool, IFrameSource>> _extra =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;

    /// <summary>Creates a factory; <paramref name="extraSources"/> maps further type names to constructors.</summary>
    public FrameSourceFactory(
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        IReadOnlyDictionary<string, Func<FrameSourceOptions, FramePool, IFrameSource>>? extraSources = null)
    {
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _time = timeProvider ?? TimeProvider.System;
        if (extraSources is not null)
        {
            foreach ((string type, Func<FrameSourceOptions, FramePool, IFrameSource> create) in extraSources)
            {
                Register(type, create);
            }
        }
    }

    /// <summary>Every type this factory can create.</summary>
    public IReadOnlyCollection<string> Types => [.. FrameSourceTypes.BuiltIn, .. _extra.Keys];

    /// <summary>Adds (or replaces) a source type; built-in types cannot be replaced.</summary>
    public FrameSourceFactory Register(string type, Func<FrameSourceOptions, FramePool, IFrameSource> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(create);
        foreach (string builtIn in FrameSourceTypes.BuiltIn)
        {
            if (builtIn.Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{type}' is a built-in source type and cannot be replaced.", nameof(type));
            }
        }

        _extra[type] = create;
        return this;
    }

    /// <summary>Validates the options against this factory's types (throws <see cref="ArgumentException"/> naming the key).</summary>
    public void Validate(FrameSourceOptions options, string section = "Source")
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(_extra.Keys, section);
    }

    /// <summary>Validates the options and creates one source; the source opens on its first read.</summary>
    public IFrameSource Create(FrameSourceOptions options, FramePool pool)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(pool);
        string type = options.Type.Trim();
        if (_extra.TryGetValue(type, out Func<FrameSourceOptions, FramePool, IFrameSource>? create))
        {
            return create(options, pool);
        }

        return type.ToLowerInvariant() switch
        {
            FrameSourceTypes.Folder => new ImageFolderSource(options, pool, _loggers.CreateLogger<ImageFolderSource>(), _time),
            FrameSourceTypes.Ffmpeg => new FfmpegSource(options, pool, _loggers.CreateLogger<FfmpegSource>(), _time),
            FrameSourceTypes.V4l2 => new V4l2CameraSource(options, pool, _loggers.CreateLogger<V4l2CameraSource>(), _time),
            FrameSourceTypes.Libcamera => new LibcameraSource(options, pool, _loggers.CreateLogger<LibcameraSource>(), _time),
            _ => throw new ArgumentException($"Source:Type: unknown source type '{options.Type}'.", nameof(options)),
        };
    }

    /// <summary>
    /// Validates once, then returns a supervisor over sources created on demand (the first time and after every
    /// failure); call <see cref="SupervisedFrameSource.Start"/> to begin.
    /// </summary>
    public SupervisedFrameSource CreateSupervised(
        FrameSourceOptions options, FramePool pool, SupervisedFrameSourceOptions? supervisorOptions = null)
    {
        Validate(options);
        ArgumentNullException.ThrowIfNull(pool);
        string name = options.Type + ":" + (options.Url ?? options.Path ?? options.Device ?? "default");
        supervisorOptions ??= new SupervisedFrameSourceOptions();
        if (supervisorOptions.BackPressure is null)
        {
            supervisorOptions = supervisorOptions.WithBackPressure(ReplaysFasterThanRealTime(options));
        }

        return new SupervisedFrameSource(
            name, () => Create(options, pool), supervisorOptions, _loggers.CreateLogger<SupervisedFrameSource>(), _time);
    }

    /// <summary>
    /// True for a recording or a synthetic scene read as fast as it can be (<c>RealTime</c> false): a folder, a video
    /// file or a registered source type such as the synthetic scene, not a camera and not a network stream. Such a
    /// source gets back-pressure by default, so that a replay for counting processes every frame.
    /// </summary>
    public static bool ReplaysFasterThanRealTime(FrameSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string type = options.Type.Trim().ToLowerInvariant();
        return !options.RealTime && !options.IsNetworkStream
            && type is not (FrameSourceTypes.V4l2 or FrameSourceTypes.Libcamera);
    }
}
