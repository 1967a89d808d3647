namespace SmartCity.Contracts;

/// <summary>
/// Road-user class names on the wire (the same words as the edge's TrafficClass names). Classes travel as strings so
/// that a class added later does not break a v1 reader.
/// </summary>
public static class TrafficClassNames
{
    /// <summary>Passenger car, van, taxi.</summary>
    public const string Car = "car";

    /// <summary>Bus or coach.</summary>
    public const string Bus = "bus";

    /// <summary>Lorry, truck.</summary>
    public const string Truck = "truck";

    /// <summary>Motorcycle, moped, scooter.</summary>
    public const string Motorcycle = "motorcycle";

    /// <summary>Bicycle.</summary>
    public const string Bicycle = "bicycle";

    /// <summary>Pedestrian.</summary>
    public const string Pedestrian = "pedestrian";

    /// <summary>Anything else the model detects.</summary>
    public const string Other = "other";
}
