using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// Counters of one pipeline run. Written by the pipeline thread only; readers (the live display) take a
/// <see cref="Snapshot"/> under the same lock, so the numbers they print belong together.
/// </summary>
internal sealed class PipelineStats
{
    private readonly Lock _gate = new();
    private readonly long[] _detectionsByClass = new long[TrafficClasses.Count];
    private readonly int[] _lastFrameByClass = new int[TrafficClasses.Count];
    private StageTimer _source;
    private StageTimer _preprocess;
    private StageTimer _inference;
    private StageTimer _postprocess;
    private long _frames;
    private long _detectorRuns;
    private long _detectorErrors;

    // The latest inference times, for percentiles per health period; a power of two so the index is a mask.
    private const int RecentCapacity = 4096;
    private readonly float[] _recentInference = new float[RecentCapacity];

    /// <summary>Records a frame's stage times and detections.</summary>
    public void RecordFrame(double sourceMs, bool detected, double preMs, double infMs, double postMs, ReadOnlySpan<int> classCounts)
    {
        lock (_gate)
        {
            _frames++;
            _source.Add(sourceMs);
            if (!detected)
            {
                return;
            }

            _recentInference[(int)(_detectorRuns & (RecentCapacity - 1))] = (float)infMs;
            _detectorRuns++;
            _preprocess.Add(preMs);
            _inference.Add(infMs);
            _postprocess.Add(postMs);
            for (int c = 0; c < _detectionsByClass.Length; c++)
            {
                _detectionsByClass[c] += classCounts[c];
                _lastFrameByClass[c] = classCounts[c];
            }
        }
    }

    /// <summary>Counts a frame the detector refused (a corrupt frame); the pipeline goes on.</summary>
    public void RecordDetectorError()
    {
        lock (_gate)
        {
            _detectorErrors++;
        }
    }

    /// <summary>
    /// The 95th percentile of the inference times of detector runs after run number <paramref name="afterRun"/> (as
    /// counted in <see cref="PipelineSnapshot.DetectorRuns"/>), over at most the latest 4096 runs; null without runs.
    /// </summary>
    public double? InferencePercentile95(long afterRun)
    {
        float[] samples;
        lock (_gate)
        {
            long from = Math.Max(afterRun, _detectorRuns - RecentCapacity);
            int n = (int)Math.Max(0, _detectorRuns - from);
            if (n == 0)
            {
                return null;
            }

            samples = new float[n];
            for (int i = 0; i < n; i++)
            {
                samples[i] = _recentInference[(int)((from + i) & (RecentCapacity - 1))];
            }
        }

        Array.Sort(samples);
        // Nearest rank: the smallest sample with at least 95 % of the samples at or below it.
        int rank = (int)Math.Ceiling(0.95 * samples.Length) - 1;
        return samples[Math.Clamp(rank, 0, samples.Length - 1)];
    }

    /// <summary>A consistent copy of the counters.</summary>
    public PipelineSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new PipelineSnapshot(
                _frames,
                _detectorRuns,
                _detectorErrors,
                _source,
                _preprocess,
                _inference,
                _postprocess,
                (long[])_detectionsByClass.Clone(),
                (int[])_lastFrameByClass.Clone());
        }
    }
}
