namespace SmartCity.Edge.Vision.Motion;

/// <summary>Settings of the <see cref="MotionGate"/> (section <c>Motion</c>).</summary>
public sealed class MotionGateOptions
{
    /// <summary>False runs detection on every frame (the ungated baseline).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Target width of the grey thumbnail; the frame is reduced by the whole factor width / DownscaleWidth (640 → 80
    /// is factor 8), averaging each factor×factor cell, which also averages sensor noise away.
    /// </summary>
    public int DownscaleWidth { get; set; } = 80;

    /// <summary>
    /// Inside a cell, average every n-th pixel of every n-th row (1 = every pixel). 2 reads a quarter of the pixels
    /// and still averages 16 samples per 8×8 cell.
    /// </summary>
    public int SampleStep { get; set; } = 2;

    /// <summary>
    /// Grey-level difference (0–255) from the background above which a cell counts as changed. The default 12 is
    /// about 9 σ of cell noise for a camera with σ = 8 per pixel after 16-sample averaging.
    /// </summary>
    public int PixelThreshold { get; set; } = 12;

    /// <summary>Fraction of cells (0–1) that must change to count as motion; 0.002 is ~10 cells of 80×60.</summary>
    public double MinChangedFraction { get; set; } = 0.002;

    /// <summary>How fast the background follows the scene per frame (0–1]; small values keep a passing car out of it.</summary>
    public double BackgroundLearningRate { get; set; } = 0.05;

    /// <summary>
    /// Subtract the median difference before thresholding, so a camera's auto-exposure step or a cloud does not
    /// look like motion everywhere.
    /// </summary>
    public bool CompensateGlobalBrightness { get; set; } = true;

    /// <summary>Run detection at least this often (measured in frame timestamps) even on a static scene.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key when a value is out of range.</summary>
    public void Validate(string section = "Motion")
    {
        if (DownscaleWidth < 1)
        {
            throw Refuse(section, nameof(DownscaleWidth), "must be at least 1");
        }

        if (SampleStep < 1)
        {
            throw Refuse(section, nameof(SampleStep), "must be at least 1");
        }

        if (PixelThreshold is < 1 or > 255)
        {
            throw Refuse(section, nameof(PixelThreshold), "must be between 1 and 255");
        }

        if (double.IsNaN(MinChangedFraction) || MinChangedFraction is < 0 or > 1)
        {
            throw Refuse(section, nameof(MinChangedFraction), "must be between 0 and 1");
        }

        if (double.IsNaN(BackgroundLearningRate) || BackgroundLearningRate is <= 0 or > 1)
        {
            throw Refuse(section, nameof(BackgroundLearningRate), "must be greater than 0 and at most 1");
        }

        if (RefreshInterval <= TimeSpan.Zero)
        {
            throw Refuse(section, nameof(RefreshInterval), "must be positive");
        }
    }

    private static ArgumentException Refuse(string section, string key, string problem) =>
        new($"{section}:{key}: {problem}.", key);
}
