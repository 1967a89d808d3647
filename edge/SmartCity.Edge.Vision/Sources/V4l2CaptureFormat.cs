namespace SmartCity.Edge.Vision.Sources;

/// <summary>Pixel formats <see cref="V4l2CameraSource"/> asks a camera for; nearly every UVC webcam offers both.</summary>
public enum V4l2CaptureFormat
{
    /// <summary>Packed YUV 4:2:2 (Y0 U Y1 V); uncompressed, so no decode cost but USB bandwidth limits size and rate.</summary>
    Yuyv,

    /// <summary>Motion JPEG: one JPEG per frame; higher sizes and rates over USB 2, decoded on the CPU.</summary>
    Mjpeg,
}
