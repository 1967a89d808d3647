using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

public sealed class DetectorOptionsTests
{
    [Theory]
    [InlineData("ScoreThreshold")]
    [InlineData("NmsIou")]
    [InlineData("SuppressedScore")]
    [InlineData("SuppressedMaxIou")]
    [InlineData("IntraOpThreads")]
    [InlineData("InterOpThreads")]
    [InlineData("ClassThresholds:car")]
    public void Negative_values_are_refused_naming_the_key(string key)
    {
        var options = new DetectorOptions();
        switch (key)
        {
            case "ScoreThreshold": options.ScoreThreshold = -0.1f; break;
            case "NmsIou": options.NmsIou = -1; break;
            case "SuppressedScore": options.SuppressedScore = -0.2f; break;
            case "SuppressedMaxIou": options.SuppressedMaxIou = -0.5f; break;
            case "IntraOpThreads": options.IntraOpThreads = -1; break;
            case "InterOpThreads": options.InterOpThreads = -2; break;
            default: options.ClassThresholds["car"] = -0.5f; break;
        }

        var ex = Assert.Throws<ArgumentException>(() => ObjectDetector.Load(TestPaths.TestModel("yolox"), options));
        Assert.Equal(key, ex.ParamName);
        Assert.StartsWith(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_for_a_class_the_model_lacks_is_refused()
    {
        var options = new DetectorOptions();
        options.ClassThresholds["tram"] = 0.5f;

        var ex = Assert.Throws<ArgumentException>(() => ObjectDetector.Load(TestPaths.TestModel("yolox"), options));
        Assert.Equal("ClassThresholds:tram", ex.ParamName);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        new DetectorOptions().Validate();
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions());
        Assert.Equal(ModelFormat.Yolox, detector.Manifest.Format);
        Assert.Equal([1L, 84L, 9L], detector.OutputShape);
    }

    [Fact]
    public void Unusable_frames_give_an_error_and_are_counted()
    {
        using var detector = ObjectDetector.Load(TestPaths.TestModel("yolox"), new DetectorOptions());
        var results = new DetectionList();
        results.Add(new DetectedObject(new BoxF(0, 0, 1, 1), 1, 0, TrafficClass.Car));

        Assert.False(detector.TryDetect(null!, results, out string? error));
        Assert.Equal("no frame", error);
        Assert.Equal(0, results.Count);
        Assert.Equal(1, detector.FailedFrames);
    }
}
