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
/// Not thread-safe: one detector serves one pipeline thread.
/// </summary>
public sealed class ObjectDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly float[] _outputBuffer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly OrtIoBinding _binding;
    private readonly LetterboxPreprocessor _preprocessor;
    private readonly OutputDecoder _decoder;
    private readonly ClassFilter _filter;
    private readonly NonMaxSuppression _nms;
    private readonly DetectionList _candidates = new(256);
    private readonly ILogger _logger;
    private bool _disposed;

    private ObjectDetector(
        ModelManifest manifest, ClassFilter filter, NonMaxSuppression nms, InferenceSession session, string outputName, long[] outputShape, ILogger logger)
    {
        Manifest = manifest;
        _filter = filter;
        _nms = nms;
        _session = session;
        _logger = logger;
        _runOptions = new RunOptions();

        var spec = manifest.Input;
        var inputBuffer = new float[3 * spec.Width * spec.Height];
        long[] inputShape = spec.Layout == TensorLayout.Nchw ? [1, 3, spec.Height, spec.Width] : [1, spec.Height, spec.Width, 3];
        _outputBuffer = new float[outputShape[0] * outputShape[1] * outputShape[2]];

        // Both OrtValues pin their managed arrays for the detector's lifetime: the runtime reads the input
        // and writes the output in place, so no tensor is created or copied per frame.
        _inputValue = OrtValue.CreateTensorValueFromMemory(inputBuffer, inputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_outputBuffer, outputShape);
        _inputNames = [spec.Name];
        _outputNames = [outputName];
        _inputValues = [_inputValue];
        _outputValues = [_outputValue];

        // The per-frame call goes through an I/O binding made once: Run with name and value collections
        // marshals the names on every call (about 350 bytes of garbage per frame), RunWithBinding nothing.
        _binding = session.CreateIoBinding();
        _binding.BindInput(spec.Name, _inputValue);
        _binding.BindOutput(outputName, _outputValue);
        _preprocessor = new LetterboxPreprocessor(spec, inputBuffer);
        _decoder = OutputDecoder.Create(manifest, outputShape);
        OutputShape = outputShape;
        OutputName = outputName;
    }

    /// <summary>The validated model folder.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Name of the output being decoded.</summary>
    public string OutputName { get; }

    /// <summary>Resolved output shape (dynamic dimensions fixed from the format).</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>Timings of the last successful <see cref="TryDetect"/>.</summary>
    public DetectorTimings LastTimings { get; private set; }

    /// <summary>Frames refused or failed since load (bad frame, runtime error).</summary>
    public long FailedFrames { get; private set; }

    /// <summary>The input tensor as last prepared (for tests and diagnostics).</summary>
    internal ReadOnlySpan<float> InputTensor => _preprocessor.Tensor;

    /// <summary>The letterbox geometry of the last frame.</summary>
    internal LetterboxPreprocessor Preprocessor => _preprocessor;

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
                manifest, filter, new NonMaxSuppression(options.NmsIou ?? manifest.NmsIou, options.ClassAgnosticNms), session, outputName, outputShape, logger);
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
    public bool TryDetect(Frame frame, DetectionList results, out string? error)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(results);
        results.Clear();
        if (frame is null)
        {
            return Fail(-1, "no frame", out error);
        }

        long start = Stopwatch.GetTimestamp();
        if (!_preprocessor.TryPrepare(frame, out error))
        {
            return Fail(frame.Sequence, error!, out error);
        }

        long prepared = Stopwatch.GetTimestamp();
        try
        {
            _session.RunWithBinding(_runOptions, _binding);
        }
        catch (OnnxRuntimeException ex)
        {
            return Fail(frame.Sequence, "inference failed: " + ex.Message, out error);
        }

        long inferred = Stopwatch.GetTimestamp();
        _candidates.Clear();
        _decoder.Decode(_outputBuffer, _filter, _candidates);
        if (_decoder.NeedsNms)
        {
            _nms.Apply(_candidates.AsSpan(), results);
        }
        else
        {
            foreach (ref readonly var d in _candidates.AsSpan())
            {
                results.Add(d);
            }
        }

        results.Truncate(_preprocessor.MapToSource(results.AsWritableSpan()));
        long done = Stopwatch.GetTimestamp();
        LastTimings = new DetectorTimings(
            Stopwatch.GetElapsedTime(start, prepared).TotalMilliseconds,
            Stopwatch.GetElapsedTime(prepared, inferred).TotalMilliseconds,
            Stopwatch.GetElapsedTime(inferred, done).TotalMilliseconds);
        return true;
    }

    /// <summary>
    /// Runs exactly the raw <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
    /// on the input as last prepared, with no pre- or post-processing: the baseline the pipeline is benchmarked against.
    /// </summary>
    public void RunInferenceOnly()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _binding.Dispose();
        _session.Dispose();
        _inputValue.Dispose();
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
