using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Counts frames a source had to skip (corrupt, truncated, undecodable) and logs them once per burst: the first
/// bad frame of a run is logged with its reason, the rest are only counted until a good frame ends the burst.
/// A camera that sends garbage at 30 fps would otherwise flood the log.
/// </summary>
public sealed class BadFrameTracker
{
    private readonly ILogger _logger;
    private readonly string _source;
    private long _total;
    private long _inBurst;

    /// <summary>Creates a tracker for the source named <paramref name="source"/>.</summary>
    public BadFrameTracker(string source, ILogger logger)
    {
        _source = source;
        _logger = logger;
    }

    /// <summary>Bad frames skipped since the tracker was created.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The reason given for the most recent bad frame, or null.</summary>
    public string? LastReason { get; private set; }

    /// <summary>Counts one bad frame; logs only when it starts a burst.</summary>
    public void Bad(string reason)
    {
        Interlocked.Increment(ref _total);
        LastReason = reason;
        if (_inBurst++ == 0)
        {
            SourceLog.BadFrameBurstStarted(_logger, _source, reason);
        }
    }

    /// <summary>Marks a good frame, closing a burst of bad ones (logged with its length).</summary>
    public void Good()
    {
        if (_inBurst != 0)
        {
            SourceLog.BadFrameBurstEnded(_logger, _source, _inBurst);
            _inBurst = 0;
        }
    }
}
