using System.Numerics;
using SmartCity.Edge.Simulation.World;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>Draws the signal poles and heads with the lamp each approach currently sees lit.</summary>
internal sealed class SignalHeadPainter
{
    private static readonly Bgr Housing = new(35, 40, 40);
    private static readonly Bgr Off = new(45, 50, 50);
    private readonly SolidPainter _solid;
    private readonly SignalHead[] _heads;

    public SignalHeadPainter(SolidPainter solid, IReadOnlyList<SignalHead> heads)
    {
        _solid = solid;
        _heads = [.. heads];
    }

    public void Paint(Span<byte> pixels, SignalController signals)
    {
        foreach (SignalHead head in _heads)
        {
            SignalAspect aspect = signals.AspectFor(head.Controls);
            _solid.Begin(head.Foot, head.Facing);
            _solid.Box(pixels, new Vector3(-0.1f, -0.1f, 0), new Vector3(0.1f, 0.1f, 4.2f), Housing, Housing, Housing, 0);
            var min = new Vector3(-0.15f, -0.22f, 4.2f);
            var max = new Vector3(0.15f, 0.22f, 5.4f);
            _solid.Box(pixels, min, max, Housing, Housing, Housing, 0);
            Lamp(pixels, min, max, 5.0f, aspect == SignalAspect.Red, new Bgr(40, 40, 255));
            Lamp(pixels, min, max, 4.62f, aspect == SignalAspect.Amber, new Bgr(30, 190, 255));
            Lamp(pixels, min, max, 4.24f, aspect == SignalAspect.Green, new Bgr(120, 230, 60));
        }
    }

    private void Lamp(Span<byte> pixels, Vector3 min, Vector3 max, float z, bool lit, Bgr colour) =>
        _solid.Decal(pixels, min, max, BoxFace.Front, -0.15f, 0.15f, z + 0.04f, z + 0.34f, lit ? colour : Off, 0, emissive: lit);
}
