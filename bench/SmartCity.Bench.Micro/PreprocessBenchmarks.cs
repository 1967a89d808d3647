using BenchmarkDotNet.Attributes;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Bench.Micro;

/// <summary>
/// Letterbox pre-processing of a 640×480 camera frame into the model tensor: the per-frame cost the
/// pipeline adds on top of inference. Cases: the demo model's input (320², RGB, 0–1) and YOLOX-Nano's
/// (416², BGR, 0–255, top-left).
/// </summary>
[MemoryDiagnoser]
public class PreprocessBenchmarks
{
    private Frame _frame = null!;
    private LetterboxPreprocessor _demo = null!;
    private LetterboxPreprocessor _yolox = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frame = Frame.Allocate(640, 480, PixelFormat.Bgr24);
        var rng = new Random(42);
        rng.NextBytes(_frame.Pixels);
        var demo = new ModelInputSpec(
            "images", 320, 320, TensorLayout.Nchw, ColorOrder.Rgb, PixelScale.UnitRange, [0, 0, 0], [1, 1, 1], LetterboxPlacement.TopLeft, 114, ResizeMethod.Bilinear);
        var yolox = new ModelInputSpec(
            "images", 416, 416, TensorLayout.Nchw, ColorOrder.Bgr, PixelScale.ByteRange, [0, 0, 0], [1, 1, 1], LetterboxPlacement.TopLeft, 114, ResizeMethod.Bilinear);
        _demo = new LetterboxPreprocessor(demo, new float[3 * 320 * 320]);
        _yolox = new LetterboxPreprocessor(yolox, new float[3 * 416 * 416]);
    }

    [Benchmark(Baseline = true)]
    public bool Demo320Rgb() => _demo.TryPrepare(_frame, out _);

    [Benchmark]
    public bool Yolox416Bgr() => _yolox.TryPrepare(_frame, out _);
}
