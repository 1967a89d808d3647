using System.Numerics;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>How a lighting condition colours the scene: ambient tint, sky, shadows, lamps.</summary>
internal sealed class SceneLighting
{
    public SceneLighting(LightingCondition condition)
    {
        Condition = condition;
        switch (condition)
        {
            case LightingCondition.Day:
                Ambient = new Vector3(1f, 1f, 1f);
                SkyTop = new Bgr(225, 180, 120);
                SkyHorizon = new Bgr(235, 220, 205);
                ShadowScale = 140;
                break;
            case LightingCondition.Dusk:
                Ambient = new Vector3(0.5f, 0.56f, 0.7f);
                SkyTop = new Bgr(120, 80, 70);
                SkyHorizon = new Bgr(110, 160, 235);
                ShadowScale = 200;
                LampsOn = true;
                break;
            default:
                Ambient = new Vector3(0.24f, 0.22f, 0.2f);
                SkyTop = new Bgr(30, 16, 10);
                SkyHorizon = new Bgr(60, 45, 40);
                ShadowScale = 256;
                LampsOn = true;
                HeadlightGlow = true;
                break;
        }
    }

    public LightingCondition Condition { get; }

    /// <summary>Multipliers for blue, green, red of lit surfaces.</summary>
    public Vector3 Ambient { get; }

    public Bgr SkyTop { get; }

    public Bgr SkyHorizon { get; }

    /// <summary>Shadow darkening in 1/256 (256 = no shadows).</summary>
    public int ShadowScale { get; }

    /// <summary>Shadow offset on the ground per metre of object height (sun from the south-west).</summary>
    public Vector2 ShadowPerMetre => Condition == LightingCondition.Dusk ? new Vector2(1.3f, 0.9f) : new Vector2(0.45f, 0.35f);

    /// <summary>Vehicle lamps and lit windows glow (drawn unlit by ambient).</summary>
    public bool LampsOn { get; }

    /// <summary>Headlights throw light pools on the road ahead.</summary>
    public bool HeadlightGlow { get; }

    /// <summary>A surface colour under this light, with <paramref name="shade"/> for the face's orientation.</summary>
    public Bgr Lit(Bgr colour, float shade) => colour.Scale(Ambient.X * shade, Ambient.Y * shade, Ambient.Z * shade);
}
