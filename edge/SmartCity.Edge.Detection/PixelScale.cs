namespace SmartCity.Edge.Detection;

/// <summary>Range the 8-bit pixel values are scaled to before mean/std normalisation.</summary>
public enum PixelScale
{
    /// <summary>Divide by 255: values 0–1.</summary>
    UnitRange,

    /// <summary>Raw byte values 0–255.</summary>
    ByteRange,
}
