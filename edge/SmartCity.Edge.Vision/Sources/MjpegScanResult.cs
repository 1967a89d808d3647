namespace SmartCity.Edge.Vision.Sources;

/// <summary>What <see cref="MjpegFrameScanner.Scan"/> found in a buffer of concatenated JPEG images.</summary>
public enum MjpegScanResult
{
    /// <summary>No complete image yet; bytes before the reported start are not part of any image.</summary>
    NeedMoreData,

    /// <summary>A complete image, from its start-of-image to its end-of-image marker.</summary>
    Complete,

    /// <summary>An image that was cut off (a new image starts before it ended, or its structure is broken).</summary>
    Truncated,
}
