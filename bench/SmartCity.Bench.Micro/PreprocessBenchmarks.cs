using BenchmarkDotNet.Attributes;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Bench.Micro;

/// <summary>
/// Letterbox pre-processing of a 640×480 camera frame into the model tensor: the per-frame cost the
/// pipeline adds on top of inference (unless it overlaps the previous frame's inference). Cases: a 384² input
/// (RGB, 0–1; the demo model before 1.2.0), the demo model's 640×480 (the frame's own size: no resampling) and
/// YOLOX-Nano's (416², BGR, 0–255, top-left), each with the fastest
/// kernel this CPU allows (Best), the 128-bit one ARM64 runs (Portable) and the scalar reference.
/// </summary>
[MemoryDiagnoser]
public class PreprocessBenchmarks
{
    private Frame _frame = null!;
    private LetterboxPreprocessor _demo = null!;
    private LetterboxPreprocessor _yolox = null!;
    private LetterboxPreprocessor _native = null!;

    /// <summary>Which <c>PreprocessKernel</c> runs.</summary>
    [Params("Best", "Portable", "Scalar")]
    public string Kernel { get; set; } = "Best";

    [GlobalSetup]
    public void Setup()
    {
        var kernel = Enum.Parse<PreprocessKernel>(Kernel);
        _frame = Frame.Allocate(640, 480, PixelFormat.Bgr24);
        var rng = new Random(42);
        rng.NextBytes(_frame.Pixels);
        var demo = new ModelInputSpec(
            "images", 384, 384, TensorLayout.Nchw, ColorOrder.Rgb, PixelScale.UnitRange, [0, 0, 0], [1, 1, 1], LetterboxPlacement.TopLeft, 114, ResizeMethod.Bilinear);
        var yolox = new ModelInputSpec(
            "images", 416, 416, TensorLayout.Nchw, ColorOrder.Bgr, PixelScale.ByteRange, [0, 0, 0], [1, 1, 1], LetterboxPlacement.TopLeft, 114, ResizeMethod.Bilinear);
        _demo = new LetterboxPreprocessor(demo, new float[3 * 384 * 384], kernel);
        _yolox = new LetterboxPreprocessor(yolox, new float[3 * 416 * 416], kernel);
        var native = new ModelInputSpec(
            "images", 640, 480, TensorLayout.Nchw, ColorOrder.Rgb, PixelScale.UnitRange, [0, 0, 0], [1, 1, 1], LetterboxPlacement.TopLeft, 114, ResizeMethod.Bilinear);
        _native = new LetterboxPreprocessor(native, new float[3 * 640 * 480], kernel);
    }

    [Benchmark(Baseline = true)]
    public bool Demo384Rgb() => _demo.TryPrepare(_frame, out _);

    [Benchmark]
    public bool Demo640x480Unscaled() => _native.TryPrepare(_frame, out _);

    [Benchmark]
    public bool Yolox416Bgr() => _yolox.TryPrepare(_frame, out _);
}
