namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>Facts about each <see cref="SensorType"/> used by validation and the factory (datasheet values).</summary>
public static class SensorModels
{
    private static readonly int[] s_boschAddresses = [0x76, 0x77];
    private static readonly int[] s_sht4xAddresses = [0x44, 0x45, 0x46];
    private static readonly int[] s_sht3xAddresses = [0x44, 0x45];
    private static readonly int[] s_scd4xAddresses = [0x62];

    /// <summary>How <paramref name="type"/> is attached.</summary>
    public static SensorBusKind BusOf(SensorType type) => type switch
    {
        SensorType.Bme280 or SensorType.Bmp280 or SensorType.Bme680 or SensorType.Sht4x or SensorType.Sht3x or SensorType.Scd4x => SensorBusKind.I2c,
        SensorType.Mhz19b or SensorType.Sds011 or SensorType.Pms5003 => SensorBusKind.Serial,
        _ => SensorBusKind.None,
    };

    /// <summary>The I2C addresses the chip can be strapped to (first = default); empty for non-I2C sensors.</summary>
    public static ReadOnlySpan<int> AddressesOf(SensorType type) => type switch
    {
        // BME280/BMP280/BME680: SDO to GND = 0x76, SDO to VDDIO = 0x77 (breakouts usually ship 0x76 or 0x77).
        SensorType.Bme280 or SensorType.Bmp280 or SensorType.Bme680 => s_boschAddresses,
        SensorType.Sht4x => s_sht4xAddresses,
        SensorType.Sht3x => s_sht3xAddresses,
        SensorType.Scd4x => s_scd4xAddresses,
        _ => [],
    };

    /// <summary>True for the sensors with a sleep command (<see cref="IPowerManagedSensor"/>).</summary>
    public static bool CanSleep(SensorType type) => type is SensorType.Sds011 or SensorType.Pms5003;

    /// <summary>True for the UART particulate sensors (reporting mode, humidity range, EPA correction).</summary>
    public static bool IsParticulate(SensorType type) => type is SensorType.Sds011 or SensorType.Pms5003;

    /// <summary>Default warm-up after power-on or wake.</summary>
    public static TimeSpan DefaultWarmUp(SensorType type) => type switch
    {
        SensorType.Sds011 or SensorType.Pms5003 => TimeSpan.FromSeconds(30),

        // SCD4x: the first periodic measurement comes 5 s after start; MH-Z19B: 3 min preheat (datasheet §"Preheat").
        SensorType.Scd4x => TimeSpan.FromSeconds(5),
        SensorType.Mhz19b => TimeSpan.FromMinutes(3),
        _ => TimeSpan.Zero,
    };

    /// <summary>Shortest sensible read interval (the sensor's own measurement period).</summary>
    public static TimeSpan MinimumInterval(SensorType type) => type switch
    {
        SensorType.Scd4x => TimeSpan.FromSeconds(5),
        SensorType.Mhz19b or SensorType.Sds011 or SensorType.Pms5003 => TimeSpan.FromSeconds(1),
        _ => TimeSpan.FromMilliseconds(100),
    };

    /// <summary>The particulate sensor's specified maximum relative humidity (%), for the QA flag.</summary>
    public static double MaxHumidityOf(SensorType type) => type switch
    {
        SensorType.Pms5003 => AirQuality.QualityRules.Pms5003MaxHumidity,
        _ => AirQuality.QualityRules.Sds011MaxHumidity,
    };
}
