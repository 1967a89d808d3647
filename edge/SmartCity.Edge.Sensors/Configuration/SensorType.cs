namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>The sensor models the agent can drive (JSON: the name, case-insensitive, e.g. "sds011").</summary>
public enum SensorType
{
    /// <summary>Bosch BME280 on I2C: temperature, humidity, pressure.</summary>
    Bme280,

    /// <summary>Bosch BMP280 on I2C: temperature, pressure.</summary>
    Bmp280,

    /// <summary>Bosch BME680 on I2C: temperature, humidity, pressure, gas resistance.</summary>
    Bme680,

    /// <summary>Sensirion SHT4x on I2C: temperature, humidity.</summary>
    Sht4x,

    /// <summary>Sensirion SHT3x on I2C: temperature, humidity.</summary>
    Sht3x,

    /// <summary>Sensirion SCD4x on I2C: CO₂, temperature, humidity.</summary>
    Scd4x,

    /// <summary>Winsen MH-Z19B on a UART: CO₂.</summary>
    Mhz19b,

    /// <summary>Nova Fitness SDS011 on a UART: PM2.5, PM10.</summary>
    Sds011,

    /// <summary>Plantower PMS5003 (PMSx003) on a UART: PM1, PM2.5, PM10.</summary>
    Pms5003,

    /// <summary>The edge device's own processor temperature.</summary>
    CpuTemperature,
}
