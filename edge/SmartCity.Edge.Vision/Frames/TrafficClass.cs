namespace SmartCity.Edge.Vision.Frames;

/// <summary>The road-user classes every analytic counts in. Models map their own class names onto these.</summary>
public enum TrafficClass : byte
{
    /// <summary>A class the model knows that is not a road user we count (for example "dog").</summary>
    Other = 0,

    /// <summary>Passenger car, van, taxi.</summary>
    Car = 1,

    /// <summary>Bus or coach.</summary>
    Bus = 2,

    /// <summary>Lorry, truck, heavy goods vehicle.</summary>
    Truck = 3,

    /// <summary>Motorcycle, moped, scooter.</summary>
    Motorcycle = 4,

    /// <summary>Bicycle (ridden).</summary>
    Bicycle = 5,

    /// <summary>Pedestrian.</summary>
    Pedestrian = 6,
}

/// <summary>Names and parsing for <see cref="TrafficClass"/>; names are the lower-case words used in files and on the wire.</summary>
public static class TrafficClasses
{
    /// <summary>All classes except <see cref="TrafficClass.Other"/>, in a stable order.</summary>
    public static ReadOnlySpan<TrafficClass> RoadUsers =>
        [TrafficClass.Car, TrafficClass.Bus, TrafficClass.Truck, TrafficClass.Motorcycle, TrafficClass.Bicycle, TrafficClass.Pedestrian];

    /// <summary>Number of values of <see cref="TrafficClass"/>, for arrays indexed by class.</summary>
    public const int Count = 7;

    /// <summary>The wire name: car, bus, truck, motorcycle, bicycle, pedestrian, other.</summary>
    public static string ToName(this TrafficClass c) => c switch
    {
        TrafficClass.Car => "car",
        TrafficClass.Bus => "bus",
        TrafficClass.Truck => "truck",
        TrafficClass.Motorcycle => "motorcycle",
        TrafficClass.Bicycle => "bicycle",
        TrafficClass.Pedestrian => "pedestrian",
        _ => "other",
    };

    /// <summary>True for motor vehicles (car, bus, truck, motorcycle).</summary>
    public static bool IsVehicle(this TrafficClass c) =>
        c is TrafficClass.Car or TrafficClass.Bus or TrafficClass.Truck or TrafficClass.Motorcycle;

    /// <summary>Parses a wire name (case-insensitive). Unknown names give false.</summary>
    public static bool TryParse(string? name, out TrafficClass value)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "CAR": value = TrafficClass.Car; return true;
            case "BUS": value = TrafficClass.Bus; return true;
            case "TRUCK": value = TrafficClass.Truck; return true;
            case "MOTORCYCLE": value = TrafficClass.Motorcycle; return true;
            case "BICYCLE": value = TrafficClass.Bicycle; return true;
            case "PEDESTRIAN": value = TrafficClass.Pedestrian; return true;
            case "OTHER": value = TrafficClass.Other; return true;
            default: value = TrafficClass.Other; return false;
        }
    }
}
