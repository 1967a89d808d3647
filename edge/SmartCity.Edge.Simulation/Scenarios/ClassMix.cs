using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Scenarios;

/// <summary>
/// Relative weights of the vehicle-lane classes among arrivals (pedestrians have their own rate). Weights
/// need not sum to 1; at least one must be positive.
/// </summary>
public sealed record ClassMix(double Car, double Bus, double Truck, double Motorcycle, double Bicycle)
{
    /// <summary>Typical urban mix: mostly cars, a few of everything else.</summary>
    public static ClassMix Urban { get; } = new(0.74, 0.05, 0.07, 0.07, 0.07);

    /// <summary>Weight of one class (0 for pedestrians and <see cref="TrafficClass.Other"/>).</summary>
    public double WeightOf(TrafficClass c) => c switch
    {
        TrafficClass.Car => Car,
        TrafficClass.Bus => Bus,
        TrafficClass.Truck => Truck,
        TrafficClass.Motorcycle => Motorcycle,
        TrafficClass.Bicycle => Bicycle,
        _ => 0,
    };

    /// <summary>Sum of the weights.</summary>
    public double Total => Car + Bus + Truck + Motorcycle + Bicycle;

    /// <summary>Picks a class for a uniform number in [0, 1).</summary>
    internal TrafficClass Pick(double uniform)
    {
        double x = uniform * Total;
        if ((x -= Car) < 0) return TrafficClass.Car;
        if ((x -= Bus) < 0) return TrafficClass.Bus;
        if ((x -= Truck) < 0) return TrafficClass.Truck;
        if ((x -= Motorcycle) < 0) return TrafficClass.Motorcycle;
        return Bicycle > 0 ? TrafficClass.Bicycle : TrafficClass.Car;
    }
}
