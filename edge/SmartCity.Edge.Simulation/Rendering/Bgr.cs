namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>An 8-bit colour in the frame's byte order (blue, green, red).</summary>
internal readonly record struct Bgr(byte B, byte G, byte R)
{
    /// <summary>The colour scaled channel by channel (for shading and lighting), saturated to 0–255.</summary>
    public Bgr Scale(float b, float g, float r) => new(Clamp(B * b), Clamp(G * g), Clamp(R * r));

    /// <summary>The colour scaled evenly.</summary>
    public Bgr Scale(float f) => Scale(f, f, f);

    /// <summary>Linear blend towards another colour; <paramref name="t"/> = 1 gives <paramref name="other"/>.</summary>
    public Bgr Mix(Bgr other, float t) =>
        new(Clamp(B + ((other.B - B) * t)), Clamp(G + ((other.G - G) * t)), Clamp(R + ((other.R - R) * t)));

    private static byte Clamp(float v) => v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)(v + 0.5f);
}
