using System.Globalization;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// A rectangle of the source frame, in pixels, that the detector runs on a second time, enlarged to the model's input
/// (<see cref="DetectorOptions.DetailRegion"/>): where the far end of an approach shows vehicles a few pixels tall.
/// </summary>
/// <param name="X">Left edge, pixels from the frame's left.</param>
/// <param name="Y">Top edge, pixels from the frame's top.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct DetailRegion(int X, int Y, int Width, int Height)
{
    /// <summary>Smallest width and height accepted: below it the enlargement is more than the model was trained for.</summary>
    public const int MinSide = 32;

    /// <summary>Right edge (exclusive).</summary>
    public int Right => X + Width;

    /// <summary>Bottom edge (exclusive).</summary>
    public int Bottom => Y + Height;

    /// <summary>Parses <c>x,y,width,height</c> (invariant integers); false when it is not four integers.</summary>
    public static bool TryParse(string? text, out DetailRegion region)
    {
        region = default;
        string[] parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
        {
            return false;
        }

        Span<int> v = stackalloc int[4];
        for (int i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out v[i]))
            {
                return false;
            }
        }

        region = new DetailRegion(v[0], v[1], v[2], v[3]);
        return true;
    }

    /// <summary>Why the region cannot be used at all (negative origin, sides under <see cref="MinSide"/>), or null.</summary>
    public string? ShapeProblem() =>
        X < 0 || Y < 0 ? $"its corner ({X}, {Y}) lies left of or above the frame"
        : Width < MinSide || Height < MinSide ? $"it is {Width}×{Height} px; each side must be at least {MinSide} px"
        : null;

    /// <summary>Why the region does not fit a <paramref name="frameWidth"/> × <paramref name="frameHeight"/> frame, or null when it does.</summary>
    public string? FrameProblem(int frameWidth, int frameHeight) =>
        ShapeProblem() ?? (Right > frameWidth || Bottom > frameHeight
            ? $"it reaches ({Right}, {Bottom}), beyond the {frameWidth}×{frameHeight} frame"
            : null);

    /// <summary>Whether the box's centre lies inside the region, at least <paramref name="margin"/> pixels from its edges.</summary>
    public bool HoldsCentre(in BoxF box, float margin)
    {
        float cx = (box.X1 + box.X2) * 0.5f, cy = (box.Y1 + box.Y2) * 0.5f;
        return cx > X + margin && cx < Right - margin && cy > Y + margin && cy < Bottom - margin;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");
}
