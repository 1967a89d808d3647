namespace SmartCity.Edge.Sensors;

/// <summary>
/// A sensor that can be put to sleep between readings (fan and laser off) to extend its life: the SDS011's
/// laser is rated for about 8000 hours of continuous use.
/// </summary>
public interface IPowerManagedSensor
{
    /// <summary>How long readings stay doubtful after <see cref="Wake"/> (fan spin-up, airflow settling).</summary>
    TimeSpan WarmUp { get; }

    /// <summary>Sends the sleep command; <see langword="false"/> when the device could not be reached.</summary>
    bool Sleep();

    /// <summary>Sends the wake command; <see langword="false"/> when the device could not be reached.</summary>
    bool Wake();
}
