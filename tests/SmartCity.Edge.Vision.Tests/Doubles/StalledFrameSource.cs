using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Vision.Tests.Doubles;

/// <summary>Delivers a few frames, then hangs without failing, like an RTSP camera that went silent.</summary>
internal sealed class StalledFrameSource : CountingFrameSource
{
    private readonly int _framesBeforeStall;

    public StalledFrameSource(FramePool pool, int framesBeforeStall)
        : base(pool, name: "stalled")
    {
        _framesBeforeStall = framesBeforeStall;
    }

    public override async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Delivered >= _framesBeforeStall)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await base.ReadAsync(cancellationToken);
    }
}
