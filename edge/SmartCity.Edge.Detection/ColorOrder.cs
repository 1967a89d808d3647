namespace SmartCity.Edge.Detection;

/// <summary>Channel order the model was trained on.</summary>
public enum ColorOrder
{
    /// <summary>Red, green, blue (Ultralytics exports).</summary>
    Rgb,

    /// <summary>Blue, green, red (OpenCV-trained models such as upstream YOLOX).</summary>
    Bgr,
}
