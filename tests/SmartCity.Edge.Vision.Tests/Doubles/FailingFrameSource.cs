using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Vision.Tests.Doubles;

/// <summary>Delivers a few frames, then dies the way ffmpeg does when it exits.</summary>
internal sealed class FailingFrameSource : CountingFrameSource
{
    private readonly int _framesBeforeFailure;

    public FailingFrameSource(FramePool pool, int framesBeforeFailure)
        : base(pool, name: "failing")
    {
        _framesBeforeFailure = framesBeforeFailure;
    }

    public override ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Delivered >= _framesBeforeFailure)
        {
            throw new FrameSourceException($"failing: ffmpeg exited with code 1 after {Delivered} frames");
        }

        return base.ReadAsync(cancellationToken);
    }
}
