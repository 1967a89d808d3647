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

    /// <summary>The fraction of <paramref name="a"/>'s area that <paramref name="b"/> covers, in [0, 1]; 0 for an empty <paramref name="a"/>.</summary>
    public static float CoveredFraction(in BoxF a, in BoxF b)
    {
        float area = a.Area;
        float iw = MathF.Min(a.X2, b.X2) - MathF.Max(a.X1, b.X1);
        float ih = MathF.Min(a.Y2, b.Y2) - MathF.Max(a.Y1, b.Y1);
        return area > 0 && iw > 0 && ih > 0 ? iw * ih / area : 0;
    }

    /// <summary>
    /// The centre-distance penalty of Distance-IoU (Zheng et al., AAAI 2020): the squared distance between the
    /// centres over the squared diagonal of the smallest box enclosing both, in [0, 1). Two neighbours that
    /// overlap a prediction alike are told apart by which one is centred on it.
    /// </summary>
    public static float CentrePenalty(in BoxF a, in BoxF b)
    {
        float dx = a.CenterX - b.CenterX, dy = a.CenterY - b.CenterY;
        float ew = MathF.Max(a.X2, b.X2) - MathF.Min(a.X1, b.X1), eh = MathF.Max(a.Y2, b.Y2) - MathF.Min(a.Y1, b.Y1);
        float diagonal = (ew * ew) + (eh * eh);
        return diagonal > 0 ? ((dx * dx) + (dy * dy)) / diagonal : 0;
    }
}
