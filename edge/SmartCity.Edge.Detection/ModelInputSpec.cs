namespace SmartCity.Edge.Detection;

/// <summary>What the model expects as input and how a frame is turned into it.</summary>
public sealed class ModelInputSpec
{
    internal ModelInputSpec(
        string name, int width, int height, TensorLayout layout, ColorOrder colorOrder, PixelScale scale,
        float[] mean, float[] std, LetterboxPlacement letterbox, float padValue, ResizeMethod resize)
    {
        Name = name;
        Width = width;
        Height = height;
        Layout = layout;
        ColorOrder = colorOrder;
        Scale = scale;
        Mean = mean;
        Std = std;
        Letterbox = letterbox;
        PadValue = padValue;
        Resize = resize;
    }

    /// <summary>Name of the ONNX input.</summary>
    public string Name { get; }

    /// <summary>Input width in pixels.</summary>
    public int Width { get; }

    /// <summary>Input height in pixels.</summary>
    public int Height { get; }

    /// <summary>NCHW or NHWC.</summary>
    public TensorLayout Layout { get; }

    /// <summary>Channel order the model wants.</summary>
    public ColorOrder ColorOrder { get; }

    /// <summary>0–1 or 0–255 before normalisation.</summary>
    public PixelScale Scale { get; }

    /// <summary>Per-channel mean in the model's channel order, in scaled units: value = (pixel × scale − mean) / std.</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Per-channel standard deviation, in the model's channel order and scaled units.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>Where the resized image is placed on the canvas.</summary>
    public LetterboxPlacement Letterbox { get; }

    /// <summary>Pad value as an 8-bit pixel value (114 for YOLO), normalised like pixels.</summary>
    public float PadValue { get; }

    /// <summary>Interpolation.</summary>
    public ResizeMethod Resize { get; }
}
