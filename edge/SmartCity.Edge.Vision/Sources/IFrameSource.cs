using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Something that produces frames: a synthetic scene, an image folder, a video file or RTSP stream, a camera.
/// A source is opened once and read from one thread. The caller owns each frame it gets and disposes it.
/// </summary>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>A short human-readable name for logs and health, for example "ffmpeg:rtsp://cam1/stream".</summary>
    string Name { get; }

    /// <summary>Frame width in pixels once known (after the first frame for some sources), else 0.</summary>
    int Width { get; }

    /// <summary>Frame height in pixels once known, else 0.</summary>
    int Height { get; }

    /// <summary>Nominal frames per second, or 0 when the source does not say.</summary>
    double NominalFps { get; }

    /// <summary>
    /// Reads the next frame. Returns null at a normal end of stream (the last image of a folder, the end of a
    /// file). Throws <see cref="FrameSourceException"/> when the source died (process exited, device gone);
    /// the caller may then dispose it and open it again.
    /// </summary>
    ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken);
}
