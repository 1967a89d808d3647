namespace SmartCity.AirQuality.Readers;

/// <summary>The CSV dialects the readers understand.</summary>
public enum AirCsvFormat
{
    /// <summary>
    /// The sensor.community (formerly luftdaten.info) daily archive, archive.sensor.community:
    /// <c>sensor_id;sensor_type;location;lat;lon;timestamp;…</c> followed by the sensor's value columns
    /// (P1 = PM10, P2 = PM2.5, P0 = PM1 µg/m³; temperature °C; humidity %; pressure Pa).
    /// </summary>
    SensorCommunityArchive,

    /// <summary>
    /// The airrohr firmware's own SD-card/serial CSV (<c>data-esp8266-&lt;chip id&gt;-&lt;date&gt;.csv</c>):
    /// <c>Time;durP1;ratioP1;P1;durP2;ratioP2;P2;SDS_P1;SDS_P2;PMS_P1;PMS_P2;Temp;Humidity;BMP_…;BME280_…</c>.
    /// </summary>
    AirrohrFirmware,
}
