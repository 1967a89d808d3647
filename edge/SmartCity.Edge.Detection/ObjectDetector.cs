using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Runs a model folder on frames: letterbox pre-processing into a tensor allocated once, one long-lived
/// <see cref="InferenceSession"/> fed through <see cref="OrtValue"/>s created once over that memory (input and
/// output) and bound once to an <see cref="OrtIoBinding"/>, decoding straight from the output buffer, per-class thresholds, class-aware NMS and mapping back
/// to source pixels. After the first frame of a given size nothing is allocated per frame.
/// Given the frame that comes next, it pre-processes that one on a helper thread into a second input tensor
/// while the current one is inferred, so with fewer intra-op threads than cores the pre-processing costs no
/// frame time (see <see cref="DetectorOptions.OverlapPreprocessing"/>).
/// With <see cref="DetectorOptions.DetailRegion"/> it runs the same session a second time on that rectangle of the
/// frame, read in place and enlarged to the model's input through a third input tensor, and merges the small boxes
/// found there into the frame's (<see cref="DetailMerge"/>).
/// Not thread-safe: one detector serves one pipeline thread (the helper thread is its own business).
/// </summary>
public sealed class ObjectDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _outputValue;
    private readonly float[] _outputBuffer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputValues;
    private readonly InputSlot[] _slots;
    private readonly bool _overlap;
    private readonly OutputDecoder _decoder;
    private readonly ClassFilter _filter;
    private readonly NonMaxSuppression _nms;
    private readonly DetectionList _candidates = new(256);
    private readonly InputSlot? _detailSlot;
    private readonly DetectionList _detail = new(128);
    private readonly float _detailMaxHeight;
    private readonly ILogger _logger;
    private LookaheadPreparer? _preparer;

    // The slot the last frame was inferred from; the spare one (1 − current) receives the look-ahead frame.
    private int _current;

    // The frame already prepared in the spare slot, recognised by reference, sequence and timestamp.
    private Frame? _aheadFrame;
    private long _aheadSequence;
    private DateTimeOffset _aheadTimestamp;
    private double _aheadMs;
    private bool _disposed;

    private ObjectDetector(
        ModelManifest manifest, ClassFilter filter, NonMaxSuppression nms, InferenceSession session, string outputName, long[] outputShape,
        bool overlap, DetailRegion? detailRegion, float detailMaxHeight, ILogger logger)
    {
        Manifest = manifest;
        _filter = filter;
        _nms = nms;
        _session = session;
        _logger = logger;
        _overlap = overlap;
        _runOptions = new RunOptions();

        var spec = manifest.Input;
        _outputBuffer = new float[outputShape[0] * outputShape[1] * outputShape[2]];

        // The output OrtValue pins its managed array for the detector's lifetime: the runtime writes it in
        // place and decoding reads it from there, so no tensor is created or copied per frame.
        _outputValue = OrtValue.CreateTensorValueFromMemory(_outputBuffer, outputShape);
        _inputNames = [spec.Name];
        _outputNames = [outputName];
        _outputValues = [_outputValue];

        // Two inputs so the next frame can be written while this one is inferred (see TryDetect with a
        // look-ahead frame); both share the one output, which is decoded before the next Run starts.
        _slots = [new InputSlot(session, spec, outputName, _outputValue), new InputSlot(session, spec, outputName, _outputValue)];
        _decoder = OutputDecoder.Create(manifest, outputShape);
        if (detailRegion is not null)
        {
            // A third input for the detail region, prepared and inferred after the whole frame (sharing its output).
            _detailSlot = new InputSlot(session, spec, outputName, _outputValue);
            DetailRegion = detailRegion;
            _detailMaxHeight = detailMaxHeight;
        }

        OutputShape = outputShape;
        OutputName = outputName;
    }

    /// <summary>The validated model folder.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Name of the output being decoded.</summary>
    public string OutputName { get; }

    /// <summary>Resolved output shape (dynamic dimensions fixed from the format).</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>
    /// Whether <see cref="TryDetect(Frame, Frame, DetectionList, out string)"/> pre-processes its look-ahead frame on a
    /// second thread while the current frame is inferred (<see cref="DetectorOptions.OverlapPreprocessing"/>).
    /// </summary>
    public bool OverlapsPreprocessing => _overlap;

    /// <summary>The region detected a second time at a larger scale (<see cref="DetectorOptions.DetailRegion"/>), or null.</summary>
    public DetailRegion? DetailRegion { get; }

    /// <summary>Timings of the last successful detection.</summary>
    public DetectorTimings LastTimings { get; private set; }

    /// <summary>Frames refused or failed since load (bad frame, runtime error).</summary>
    public long FailedFrames { get; private set; }

    /// <summary>The input tensor as last prepared (for tests and diagnostics).</summary>
    internal ReadOnlySpan<float> InputTensor => _slots[_current].Preprocessor.Tensor;

    /// <summary>
    /// Whether a look-ahead the helper thread has not started by the end of the inference is withdrawn (and the
    /// frame prepared on the caller's thread in its turn) rather than waited for; tests that count overlapped
    /// frames switch it off to be independent of the scheduler.
    /// </summary>
    internal bool WithdrawLateLookahead { get; set; } = true;

    /// <summary>
    /// Bytes allocated so far on the look-ahead thread, for allocation checks: the caller's
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/> does not see them. Zero in steady state.
    /// </summary>
    public long LookaheadAllocatedBytes => _preparer?.AllocatedBytes ?? 0;

    /// <summary>The letterbox geometry of the last frame.</summary>
    internal LetterboxPreprocessor Preprocessor => _slots[_current].Preprocessor;

    /// <summary>
    /// Loads and validates a model folder and opens one inference session for it.
    /// </summary>
    /// <exception cref="ModelLoadException">The folder or model is missing or inconsistent; the message names file and problem.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the parameter name is the option's key.</exception>
    public static ObjectDetector Load(string modelFolder, DetectorOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var manifest = ModelManifest.Load(modelFolder);
        var filter = new ClassFilter(manifest, options);
        logger ??= NullLogger.Instance;

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };

        InferenceSession session;
        try
        {
            session = new InferenceSession(manifest.OnnxPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"{manifest.OnnxPath}: ONNX Runtime cannot load the model: {ex.Message}", ex);
        }

        try
        {
            var (outputName, outputShape) = OnnxSignature.Validate(session, manifest);
            var detector = new ObjectDetector(
                manifest, filter, new NonMaxSuppression(options.NmsIou ?? manifest.NmsIou, options.ClassAgnosticNms) { SuppressedScore = options.SuppressedScore, SuppressedMaxIou = options.SuppressedMaxIou }, session, outputName, outputShape,
                options.OverlapPreprocessing ?? DetectorOptions.OverlapPaysOff(options.IntraOpThreads), options.DetailRegion, options.DetailMaxHeight, logger);
            DetectorLog.ModelLoaded(logger, manifest.Name, manifest.Version, manifest.Format, manifest.Input.Width, manifest.Input.Height,
                manifest.ClassNames.Count, outputName, outputShape[1], outputShape[2], options.IntraOpThreads);
            return detector;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Detects objects in a Bgr24, Rgb24 or Gray8 frame of any size. <paramref name="results"/> is cleared and
    /// receives the detections in source-image pixels. A frame that cannot be used or a runtime failure gives
    /// false with a reason (and counts in <see cref="FailedFrames"/>); it never throws for bad frames.
    /// </summary>
    public bool TryDetect(Frame frame, DetectionList results, out string? error) => TryDetect(frame, null, results, out error);

    /// <summary>
    /// Detects objects in <paramref name="frame"/> like <see cref="TryDetect(Frame, DetectionList, out string)"/> and,
    /// when <see cref="OverlapsPreprocessing"/> is on, pre-processes <paramref name="next"/> (the frame the caller will
    /// pass next) on a second thread while <paramref name="frame"/> is inferred. The next call with that same frame
    /// then starts straight with inference. <paramref name="next"/> is only read, and only until this call returns; it
    /// must not change before it is passed as <paramref name="frame"/> (a frame recycled by its pool carries a new
    /// sequence number and is simply prepared again). A look-ahead frame that cannot be used is not counted here: it
    /// fails, and counts, when it is detected.
    /// </summary>
    public bool TryDetect(Frame frame, Frame? next, DetectionList results, out string? error)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(results);
        results.Clear();
        bool readyAhead = _aheadFrame is not null && ReferenceEquals(_aheadFrame, frame) &&
            frame.Sequence == _aheadSequence && frame.Timestamp == _aheadTimestamp;
        _aheadFrame = null;
        if (frame is null)
        {
            return Fail(-1, "no frame", out error);
        }

        long start = Stopwatch.GetTimestamp();
        double preprocessMs;
        if (readyAhead)
        {
            _current = 1 - _current;
            preprocessMs = _aheadMs;
        }
        else
        {
            if (!_slots[_current].Preprocessor.TryPrepare(frame, out error))
            {
                return Fail(frame.Sequence, error!, out error);
            }

            preprocessMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var slot = _slots[_current];
        bool lookAhead = _overlap && next is not null && !ReferenceEquals(next, frame);
        if (lookAhead)
        {
            _preparer ??= new LookaheadPreparer();
            _preparer.Start(_slots[1 - _current].Preprocessor, next!);
        }

        long prepared = Stopwatch.GetTimestamp();
        long inferred;
        double detailPrepareMs = 0, detailInferMs = 0;
        try
        {
            try
            {
                _session.RunWithBinding(_runOptions, slot.Binding);
            }
            catch (OnnxRuntimeException ex)
            {
                return Fail(frame.Sequence, "inference failed: " + ex.Message, out error);
            }

            inferred = Stopwatch.GetTimestamp();
            DecodeOutput(slot.Preprocessor, results);
            if (_detailSlot is not null && !TryDetectDetail(frame, results, out detailPrepareMs, out detailInferMs, out error))
            {
                return Fail(frame.Sequence, error!, out error);
            }
        }
        finally
        {
            // The look-ahead frame is the caller's again once this returns, whatever happened here.
            if (lookAhead && _preparer!.Wait(WithdrawLateLookahead, out double aheadMs, out _))
            {
                _aheadFrame = next;
                _aheadSequence = next!.Sequence;
                _aheadTimestamp = next.Timestamp;
                _aheadMs = aheadMs;
            }
        }

        long done = Stopwatch.GetTimestamp();
        LastTimings = new DetectorTimings(
            preprocessMs + detailPrepareMs,
            Stopwatch.GetElapsedTime(prepared, inferred).TotalMilliseconds + detailInferMs,
            Stopwatch.GetElapsedTime(inferred, done).TotalMilliseconds - detailPrepareMs - detailInferMs)
        {
            PreprocessOverlapped = readyAhead,
        };
        error = null;
        return true;
    }

    /// <summary>
    /// Decodes the shared output buffer (thresholds, then NMS where the format needs it) into <paramref name="target"/>
    /// and maps the boxes back to frame pixels through <paramref name="preprocessor"/>'s geometry.
    /// </summary>
    private void DecodeOutput(LetterboxPreprocessor preprocessor, DetectionList target)
    {
        _candidates.Clear();
        _decoder.Decode(_outputBuffer, _filter, _candidates);
        if (_decoder.NeedsNms)
        {
            _nms.Apply(_candidates.AsSpan(), target);
        }
        else
        {
            foreach (ref readonly var d in _candidates.AsSpan())
            {
                target.Add(d);
            }
        }

        target.Truncate(preprocessor.MapToSource(target.AsWritableSpan()));
    }

    /// <summary>
    /// The second pass over <see cref="DetailRegion"/>: prepared from the frame in place, inferred into the shared output,
    /// decoded, mapped back to frame pixels and merged into <paramref name="results"/> (<see cref="DetailMerge"/>). Its
    /// preparation and inference times come back separately, so the frame's timings put them in their stages.
    /// </summary>
    private bool TryDetectDetail(Frame frame, DetectionList results, out double prepareMs, out double inferMs, out string? error)
    {
        prepareMs = inferMs = 0;
        long start = Stopwatch.GetTimestamp();
        var preprocessor = _detailSlot!.Preprocessor;
        if (!preprocessor.TryPrepare(frame, DetailRegion, out error))
        {
            error = $"{nameof(DetectorOptions.DetailRegion)}: {error}";
            return false;
        }

        long prepared = Stopwatch.GetTimestamp();
        prepareMs = Stopwatch.GetElapsedTime(start, prepared).TotalMilliseconds;
        try
        {
            _session.RunWithBinding(_runOptions, _detailSlot.Binding);
        }
        catch (OnnxRuntimeException ex)
        {
            error = "inference of the detail region failed: " + ex.Message;
            return false;
        }

        inferMs = Stopwatch.GetElapsedTime(prepared).TotalMilliseconds;
        _detail.Clear();
        DecodeOutput(preprocessor, _detail);
        DetailMerge.Merge(results, _detail.AsSpan(), DetailRegion!.Value, _detailMaxHeight, frame.Width, frame.Height);
        return true;
    }

    /// <summary>
    /// Runs exactly the raw <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
    /// on the input as last prepared, with no pre- or post-processing and no overlap: the baseline the pipeline is benchmarked against.
    /// </summary>
    public void RunInferenceOnly()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _session.Run(_runOptions, _inputNames, _slots[_current].Values, _outputNames, _outputValues);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _preparer?.Dispose();
        foreach (var slot in _slots)
        {
            slot.Dispose();
        }

        _detailSlot?.Dispose();

        _session.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
    }

    private bool Fail(long sequence, string reason, out string? error)
    {
        FailedFrames++;
        error = reason;
        DetectorLog.DetectionFailed(_logger, sequence, reason);
        return false;
    }
}
