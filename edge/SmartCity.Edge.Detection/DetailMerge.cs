using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Combines the detections of the whole frame with those of the detail region (<see cref="DetectorOptions.DetailRegion"/>):
/// inside the region, boxes lower than <see cref="DetectorOptions.DetailMaxHeight"/> are the region's, enlarged
/// view's business, everything else the whole frame's. So one object never gets a box from each pass — two boxes a
/// pixel apart on a 9 px car would start two tracks — and a box the region's edge cut in two is left to the whole frame.
/// In place, allocation-free once the list has grown.
/// </summary>
internal static class DetailMerge
{
    /// <summary>How far inside the region, in pixels, a box's centre must lie for the region to own it.</summary>
    public const float CentreMargin = 4;

    /// <summary>IoU above which a region box and a whole-frame box are one object (the higher score stays).</summary>
    public const float DuplicateIoU = 0.3f;

    /// <summary>Merges <paramref name="detail"/> (the region's detections, in frame pixels) into <paramref name="results"/> (the whole frame's).</summary>
    public static void Merge(DetectionList results, ReadOnlySpan<DetectedObject> detail, DetailRegion region, float maxHeight, int frameWidth, int frameHeight)
    {
        Span<DetectedObject> all = results.AsWritableSpan();
        int kept = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (!Owned(all[i].Box, region, maxHeight))
            {
                all[kept++] = all[i];
            }
        }

        results.Truncate(kept);
        foreach (ref readonly DetectedObject d in detail)
        {
            if (!Owned(d.Box, region, maxHeight) || CutByRegionEdge(d.Box, region, frameWidth, frameHeight))
            {
                continue;
            }

            Span<DetectedObject> current = results.AsWritableSpan();
            int best = -1;
            float bestIoU = DuplicateIoU;
            for (int i = 0; i < current.Length; i++)
            {
                float iou = current[i].Box.IoU(d.Box);
                if (iou > bestIoU)
                {
                    bestIoU = iou;
                    best = i;
                }
            }

            if (best < 0)
            {
                results.Add(d);
            }
            else if (d.Score > current[best].Score)
            {
                current[best] = d;
            }
        }
    }

    private static bool Owned(in BoxF box, DetailRegion region, float maxHeight) =>
        box.Height < maxHeight && region.HoldsCentre(box, CentreMargin);

    /// <summary>Whether the box touches an edge of the region that is not also an edge of the frame: only part of the object was in view.</summary>
    private static bool CutByRegionEdge(in BoxF box, DetailRegion region, int frameWidth, int frameHeight) =>
        (region.X > 0 && box.X1 <= region.X + 1) || (region.Y > 0 && box.Y1 <= region.Y + 1)
        || (region.Right < frameWidth && box.X2 >= region.Right - 1) || (region.Bottom < frameHeight && box.Y2 >= region.Bottom - 1);
}
