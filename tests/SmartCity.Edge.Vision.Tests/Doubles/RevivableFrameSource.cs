using System.Runtime.CompilerServices;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Vision.Tests.Doubles;

/// <summary>
/// A camera that can be unplugged and plugged back: while <see cref="Dead"/> is set on the shared switch, opening
/// fails and an open source fails on its next read.
/// </summary>
internal sealed class RevivableFrameSource : CountingFrameSource
{
    private readonly StrongBox<bool> _dead;

    private RevivableFrameSource(FramePool pool, StrongBox<bool> dead)
        : base(pool, interval: TimeSpan.FromMilliseconds(1), name: "revivable")
    {
        _dead = dead;
    }

    public static RevivableFrameSource Open(FramePool pool, StrongBox<bool> dead)
    {
        if (Volatile.Read(ref dead.Value))
        {
            throw new FrameSourceException("revivable: /dev/video0 does not exist (camera unplugged)");
        }

        return new RevivableFrameSource(pool, dead);
    }

    public bool Dead => Volatile.Read(ref _dead.Value);

    public override ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Dead)
        {
            throw new FrameSourceException("revivable: camera unplugged");
        }

        return base.ReadAsync(cancellationToken);
    }
}
