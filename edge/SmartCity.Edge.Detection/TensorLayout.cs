namespace SmartCity.Edge.Detection;

/// <summary>Memory layout of the model's input tensor.</summary>
public enum TensorLayout
{
    /// <summary>[1, 3, H, W]: one plane per channel.</summary>
    Nchw,

    /// <summary>[1, H, W, 3]: channels interleaved.</summary>
    Nhwc,
}
