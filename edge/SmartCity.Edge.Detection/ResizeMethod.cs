namespace SmartCity.Edge.Detection;

/// <summary>Interpolation used when scaling the frame into the model's canvas.</summary>
public enum ResizeMethod
{
    /// <summary>Bilinear, half-pixel centres (what OpenCV's INTER_LINEAR does, as in training pipelines).</summary>
    Bilinear,

    /// <summary>Nearest neighbour: cheaper, slightly less faithful.</summary>
    Nearest,
}
