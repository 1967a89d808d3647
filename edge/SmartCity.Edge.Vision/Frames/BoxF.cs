namespace SmartCity.Edge.Vision.Frames;

/// <summary>An axis-aligned box in pixels: left, top, right, bottom (x2 &gt;= x1, y2 &gt;= y1).</summary>
public readonly record struct BoxF(float X1, float Y1, float X2, float Y2)
{
    /// <summary>Width in pixels.</summary>
    public float Width => X2 - X1;

    /// <summary>Height in pixels.</summary>
    public float Height => Y2 - Y1;

    /// <summary>Area in square pixels (0 for an empty box).</summary>
    public float Area => MathF.Max(0, X2 - X1) * MathF.Max(0, Y2 - Y1);

    /// <summary>Centre x.</summary>
    public float CenterX => (X1 + X2) * 0.5f;

    /// <summary>Centre y.</summary>
    public float CenterY => (Y1 + Y2) * 0.5f;

    /// <summary>Intersection over union with another box, 0 when they do not overlap.</summary>
    public float IoU(in BoxF other)
    {
        float iw = MathF.Min(X2, other.X2) - MathF.Max(X1, other.X1);
        float ih = MathF.Min(Y2, other.Y2) - MathF.Max(Y1, other.Y1);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }

        float inter = iw * ih;
        float union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /// <summary>The box clipped to an image of the given size.</summary>
    public BoxF Clip(int width, int height) => new(
        Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height), Math.Clamp(X2, 0, width), Math.Clamp(Y2, 0, height));
}
