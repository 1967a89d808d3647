using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>Overlap measures beyond <see cref="BoxF.IoU"/>.</summary>
internal static class BoxOverlap
{
    /// <summary>
    /// IoU of both boxes grown by <paramref name="buffer"/> × their width and height on each side (buffered IoU,
    /// Yang et al., WACV 2023): boxes that nearly touch overlap, and aligned boxes still score 1.
    /// </summary>
    public static float BufferedIoU(in BoxF a, in BoxF b, float buffer)
    {
        float aw = a.Width * buffer, ah = a.Height * buffer, bw = b.Width * buffer, bh = b.Height * buffer;
        var ga = new BoxF(a.X1 - aw, a.Y1 - ah, a.X2 + aw, a.Y2 + ah);
        var gb = new BoxF(b.X1 - bw, b.Y1 - bh, b.X2 + bw, b.Y2 + bh);
        return ga.IoU(gb);
    }
}
