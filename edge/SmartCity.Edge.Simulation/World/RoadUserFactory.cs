using SmartCity.Edge.Simulation.Rendering;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// Sizes, speeds and colours per class, drawn with a little randomness so that no two road users look the
/// same but every class keeps a shape and palette a small detector can learn.
/// </summary>
internal static class RoadUserFactory
{
    private static readonly Bgr[] CarColours =
    [
        new(235, 235, 235), new(190, 192, 195), new(30, 30, 32), new(80, 82, 85), new(150, 70, 30),
        new(40, 40, 170), new(40, 80, 30), new(150, 180, 200), new(20, 180, 230), new(120, 60, 50),
    ];

    private static readonly Bgr[] BusColours = [new(40, 40, 190), new(20, 170, 235), new(170, 100, 30), new(60, 150, 60)];
    private static readonly Bgr[] TruckCabs = [new(235, 235, 235), new(40, 40, 180), new(160, 80, 30), new(20, 120, 230)];
    private static readonly Bgr[] Cargo = [new(225, 228, 230), new(180, 182, 185), new(140, 90, 40), new(60, 110, 150)];
    private static readonly Bgr[] Clothing =
    [
        new(40, 40, 180), new(160, 70, 30), new(40, 140, 40), new(30, 160, 220), new(200, 200, 200),
        new(40, 40, 40), new(140, 40, 130), new(90, 160, 230), new(180, 130, 60), new(60, 60, 110),
    ];

    private static readonly Bgr[] Trousers = [new(70, 40, 30), new(30, 30, 30), new(120, 150, 170), new(90, 90, 90)];
    private static readonly Bgr[] Skin = [new(150, 180, 225), new(110, 145, 195), new(70, 100, 140), new(50, 70, 100)];

    public static void Initialise(ref RoadUser u, TrafficClass cls, DeterministicRandom rng)
    {
        u.Class = cls;
        float jitter = rng.Range(0.9f, 1.1f);
        switch (cls)
        {
            case TrafficClass.Car:
                Size(ref u, rng.Range(4.1f, 4.9f), rng.Range(1.72f, 1.88f), rng.Range(1.4f, 1.62f), rng.Range(12.5f, 15f), 1.8f);
                u.Body = Pick(CarColours, rng).Scale(jitter);
                u.Variant = (byte)rng.Below(3); // 0 saloon, 1 hatchback, 2 SUV
                if (u.Variant == 2)
                {
                    u.Height += 0.2f;
                }

                break;
            case TrafficClass.Bus:
                Size(ref u, rng.Range(11.5f, 12.5f), 2.55f, rng.Range(3.0f, 3.3f), rng.Range(10.5f, 12f), 1.0f);
                u.Body = Pick(BusColours, rng).Scale(jitter);
                u.Accent = new Bgr(225, 225, 225);
                break;
            case TrafficClass.Truck:
                Size(ref u, rng.Range(8f, 10.5f), 2.5f, rng.Range(3.3f, 3.8f), rng.Range(10f, 12f), 0.9f);
                u.Body = Pick(TruckCabs, rng).Scale(jitter);
                u.Accent = Pick(Cargo, rng).Scale(rng.Range(0.92f, 1.05f));
                break;
            case TrafficClass.Motorcycle:
                Size(ref u, rng.Range(1.9f, 2.2f), 0.8f, rng.Range(1.45f, 1.6f), rng.Range(13f, 15.5f), 2.6f);
                u.Body = Pick(CarColours, rng).Scale(jitter);
                u.Accent = Pick(Clothing, rng);
                break;
            case TrafficClass.Bicycle:
                Size(ref u, rng.Range(1.7f, 1.85f), 0.6f, rng.Range(1.65f, 1.85f), rng.Range(4.2f, 6f), 1.0f);
                u.Body = Pick(Clothing, rng);
                u.Accent = Pick(Clothing, rng);
                break;
            default:
                Size(ref u, 0.45f, 0.55f, rng.Range(1.55f, 1.88f), rng.Range(1.2f, 1.65f), 1.5f);
                u.Body = Pick(Clothing, rng).Scale(jitter);
                u.Accent = Pick(Trousers, rng);
                u.Variant = (byte)rng.Below(Skin.Length);
                u.WaitOffset = rng.Range(0.1f, 1.6f);
                u.Lateral = rng.Range(-0.8f, 0.8f);
                break;
        }
    }

    /// <summary>Skin tone of a pedestrian or rider by variant.</summary>
    public static Bgr SkinOf(int variant) => Skin[variant % Skin.Length];

    private static void Size(ref RoadUser u, float length, float width, float height, float speed, float accel)
    {
        u.Length = length;
        u.Width = width;
        u.Height = height;
        u.DesiredSpeed = speed;
        u.MaxAccel = accel;
    }

    private static Bgr Pick(Bgr[] palette, DeterministicRandom rng) => palette[rng.Below(palette.Length)];
}
