using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Vision.Motion;

/// <summary>
/// Decides per frame whether the detector needs to run: cheap differencing of a downscaled grey thumbnail
/// against a running background (exponential moving average). Detection runs when enough cells changed, when
/// tracks are alive, on the first frame and on a periodic refresh; otherwise the frame is skipped.
/// Buffers are allocated once per frame size, so <see cref="Evaluate"/> allocates nothing. Not thread-safe:
/// one gate per pipeline.
/// </summary>
public sealed class MotionGate
{
    private readonly MotionGateOptions _options;
    private readonly long[] _counts = new long[Enum.GetValues<MotionReason>().Length];
    private byte[] _thumbnail = [];
    private float[] _background = [];
    private int[] _rowSums = [];
    private int _frameWidth;
    private int _frameHeight;
    private int _factor;
    private DateTimeOffset _lastRun;
    private long _framesSeen;
    private long _runs;

    /// <summary>Creates a gate; the options are validated (throws <see cref="ArgumentException"/> naming the key).</summary>
    public MotionGate(MotionGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The options in use.</summary>
    public MotionGateOptions Options => _options;

    /// <summary>The size of the grey thumbnail for the current frame size (0×0 before the first frame).</summary>
    public (int Width, int Height) ThumbnailSize { get; private set; }

    /// <summary>The counters so far.</summary>
    public MotionGateStatistics Statistics => new(
        _framesSeen,
        _runs,
        _counts[(int)MotionReason.FirstFrame],
        _counts[(int)MotionReason.Motion],
        _counts[(int)MotionReason.TracksAlive],
        _counts[(int)MotionReason.Refresh],
        _counts[(int)MotionReason.Disabled],
        _counts[(int)MotionReason.Static]);

    /// <summary>Decides for one frame; <paramref name="tracksAlive"/> says whether the tracker still follows objects.</summary>
    public MotionDecision Evaluate(Frame frame, bool tracksAlive)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _framesSeen++;
        if (!_options.Enabled)
        {
            return Count(new MotionDecision(true, MotionReason.Disabled, 0), frame);
        }

        if (frame.Width != _frameWidth || frame.Height != _frameHeight)
        {
            Resize(frame.Width, frame.Height);
            GreyDownscaler.Downscale(frame, _factor, _options.SampleStep, _thumbnail, _rowSums);
            for (int i = 0; i < _background.Length; i++)
            {
                _background[i] = _thumbnail[i];
            }

            return Count(new MotionDecision(true, MotionReason.FirstFrame, 0), frame);
        }

        GreyDownscaler.Downscale(frame, _factor, _options.SampleStep, _thumbnail, _rowSums);
        double changed = CompareAndLearn();
        MotionDecision decision;
        if (changed > _options.MinChangedFraction)
        {
            decision = new MotionDecision(true, MotionReason.Motion, changed);
        }
        else if (tracksAlive)
        {
            decision = new MotionDecision(true, MotionReason.TracksAlive, changed);
        }
        else if (frame.Timestamp - _lastRun >= _options.RefreshInterval || frame.Timestamp < _lastRun)
        {
            // A timestamp going backwards (a looped file, a restarted source) restarts the refresh clock.
            decision = new MotionDecision(true, MotionReason.Refresh, changed);
        }
        else
        {
            decision = new MotionDecision(false, MotionReason.Static, changed);
        }

        return Count(decision, frame);
    }

    /// <summary>Forgets the background and the counters; the next frame is a first frame again.</summary>
    public void Reset()
    {
        _frameWidth = _frameHeight = 0;
        _framesSeen = _runs = 0;
        Array.Clear(_counts);
    }

    private double CompareAndLearn()
    {
        int cells = _thumbnail.Length;
        float offset = 0;
        if (_options.CompensateGlobalBrightness)
        {
            offset = MedianDifference();
        }

        float threshold = _options.PixelThreshold;
        float rate = (float)_options.BackgroundLearningRate;
        int changed = 0;
        for (int i = 0; i < cells; i++)
        {
            float grey = _thumbnail[i];
            float difference = grey - _background[i];
            if (MathF.Abs(difference - offset) > threshold)
            {
                changed++;
            }

            _background[i] += rate * difference;
        }

        return (double)changed / cells;
    }

    private float MedianDifference()
    {
        // Histogram of signed differences: the median is robust to the moving object itself, unlike the mean.
        Span<int> histogram = stackalloc int[511];
        histogram.Clear();
        for (int i = 0; i < _thumbnail.Length; i++)
        {
            int difference = (int)MathF.Round(_thumbnail[i] - _background[i]);
            histogram[difference + 255]++;
        }

        int half = _thumbnail.Length / 2;
        int seen = 0;
        for (int bin = 0; bin < histogram.Length; bin++)
        {
            seen += histogram[bin];
            if (seen > half)
            {
                return bin - 255;
            }
        }

        return 0;
    }

    private void Resize(int width, int height)
    {
        _frameWidth = width;
        _frameHeight = height;
        _factor = Math.Max(1, width / _options.DownscaleWidth);
        (int cellsX, int cellsY) = GreyDownscaler.ThumbnailSize(width, height, Math.Min(_factor, Math.Min(width, height)));
        ThumbnailSize = (cellsX, cellsY);
        int cells = cellsX * cellsY;
        if (_thumbnail.Length != cells)
        {
            _thumbnail = new byte[cells];
            _background = new float[cells];
        }

        if (_rowSums.Length < cellsX)
        {
            _rowSums = new int[cellsX];
        }
    }

    private MotionDecision Count(MotionDecision decision, Frame frame)
    {
        _counts[(int)decision.Reason]++;
        if (decision.RunDetection)
        {
            _runs++;
            _lastRun = frame.Timestamp;
        }

        return decision;
    }
}
