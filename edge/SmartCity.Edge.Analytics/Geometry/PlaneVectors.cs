using System.Numerics;

namespace SmartCity.Edge.Analytics.Geometry;

/// <summary>Turning vectors in the plane (counter-clockwise positive, as in a y-up ground frame).</summary>
internal static class PlaneVectors
{
    /// <summary><paramref name="v"/> turned by the angle whose sine and cosine are given.</summary>
    public static Vector2 Rotate(Vector2 v, float sin, float cos) => new((v.X * cos) - (v.Y * sin), (v.X * sin) + (v.Y * cos));

    /// <summary>The signed angle (radians, −π..π) that turns the direction of <paramref name="from"/> into that of <paramref name="to"/>.</summary>
    public static float TurnAngle(Vector2 from, Vector2 to) => MathF.Atan2((from.X * to.Y) - (from.Y * to.X), Vector2.Dot(from, to));
}
