using System.Globalization;
using System.Text.Json.Nodes;
using SmartCity.AirQuality.Indices;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.OpenData;

/// <summary>
/// FIWARE Smart Data Models as NGSI-LD entities: <c>TrafficFlowObserved</c> (dataModel.Transportation) per counting line,
/// direction and 15-minute bin, and <c>AirQualityObserved</c> (dataModel.Environment) per device and hour. Attribute
/// names follow the models' schema.json: intensity, laneDirection, dateObserved(From/To), vehicleType; pm25, pm10, pm1,
/// co2, temperature, relativeHumidity (0–1), airQualityIndex, airQualityLevel, refDevice, areaServed, location.
/// Normalized form (<c>{"type":"Property","value":…}</c>) by default, key-values with <c>options=keyValues</c>.
/// </summary>
internal sealed class FiwareEntities(bool keyValues, IReadOnlyDictionary<string, DashboardDevice> devices, string dataProvider)
{
    /// <summary>JSON-LD context of TrafficFlowObserved.</summary>
    public static readonly string[] TransportationContext =
    [
        "https://raw.githubusercontent.com/smart-data-models/dataModel.Transportation/master/context.jsonld",
        "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld",
    ];

    /// <summary>JSON-LD context of AirQualityObserved.</summary>
    public static readonly string[] EnvironmentContext =
    [
        "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld",
        "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld",
    ];

    /// <summary>Our traffic classes → the model's vehicleType enumeration (pedestrians are not vehicles and are left out).</summary>
    public static string? VehicleType(string trafficClass) => trafficClass switch
    {
        TrafficClassNames.Car => "car",
        TrafficClassNames.Bus => "bus",
        TrafficClassNames.Truck => "lorry",
        TrafficClassNames.Motorcycle => "motorcycle",
        TrafficClassNames.Bicycle => "bicycle",
        _ => null,
    };

    /// <summary>
    /// One entity per device × camera × counting line × direction × bin: intensity = vehicles crossing in the bin (all vehicle
    /// classes, or only <paramref name="vehicleClass"/>); laneDirection forward = the line's "in" direction.
    /// </summary>
    public JsonArray TrafficFlowObserved(IReadOnlyList<TrafficOpenRow> rows, string? vehicleClass)
    {
        var groups = new SortedDictionary<(DateTimeOffset Start, string Device, string Camera, string Line, string Direction), (int Count, DateTimeOffset End, string Site)>();
        foreach (TrafficOpenRow r in rows)
        {
            if (r.Kind != "line" || VehicleType(r.Class) is null || (vehicleClass is not null && r.Class != vehicleClass))
            {
                continue;
            }

            var key = (r.Start, r.Device, r.Camera, r.Line, r.Direction);
            groups[key] = groups.TryGetValue(key, out var g) ? (g.Count + r.Count, r.End, r.Site) : (r.Count, r.End, r.Site);
        }

        var array = new JsonArray();
        foreach (var ((start, device, camera, line, direction), (count, end, site)) in groups)
        {
            var e = new JsonObject
            {
                ["id"] = $"urn:ngsi-ld:TrafficFlowObserved:{device}:{camera}:{line}:{direction}:{start.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture)}",
                ["type"] = "TrafficFlowObserved",
            };
            Prop(e, "dateObserved", $"{Iso(start)}/{Iso(end)}");
            DateProp(e, "dateObservedFrom", start);
            DateProp(e, "dateObservedTo", end);
            Prop(e, "intensity", count);
            Prop(e, "laneDirection", direction == "out" ? "backward" : "forward");
            if (vehicleClass is not null)
            {
                Prop(e, "vehicleType", VehicleType(vehicleClass)!);
            }

            Prop(e, "name", $"{device} {camera} line {line} ({direction})");
            Prop(e, "description", $"Vehicles crossing counting line '{line}' of camera '{camera}' on device '{device}' in the {(direction == "out" ? "opposite of its 'in'" : "'in'")} direction, counted on the device; pedestrians excluded.");
            Prop(e, "dataProvider", dataProvider);
            Prop(e, "source", "urn:ngsi-ld:Device:" + device);
            Place(e, device, site);
            e["@context"] = Context(TransportationContext);
            array.Add(e);
        }

        return array;
    }

    /// <summary>
    /// One entity per device and hour (dateObserved = end of the hour, UTC): the hourly means, and the PM2.5 NowCast AQI over the
    /// 12 hours up to it when valid. <paramref name="rows"/> must include the 11 hours before the range for the NowCast.
    /// </summary>
    public JsonArray AirQualityObserved(IReadOnlyList<AirOpenRow> rows, DateTimeOffset from)
    {
        var byDeviceHour = new SortedDictionary<(string Device, DateTimeOffset End), Dictionary<string, AirOpenRow>>();
        var pm25 = new Dictionary<string, SortedDictionary<DateTimeOffset, double>>(StringComparer.Ordinal);
        foreach (AirOpenRow r in rows)
        {
            if (r.Quantity == QuantityNames.Pm25)
            {
                if (!pm25.TryGetValue(r.Device, out var series))
                {
                    pm25[r.Device] = series = [];
                }

                series.TryAdd(r.Start, r.Mean);
            }

            if (r.Start < from)
            {
                continue;
            }

            var key = (r.Device, r.End);
            if (!byDeviceHour.TryGetValue(key, out var q))
            {
                byDeviceHour[key] = q = new Dictionary<string, AirOpenRow>(StringComparer.Ordinal);
            }

            q.TryAdd(r.Quantity, r); // first sensor of a quantity on the device
        }

        var array = new JsonArray();
        foreach (var ((device, end), q) in byDeviceHour)
        {
            string site = q.Values.First().Site;
            var e = new JsonObject
            {
                ["id"] = $"urn:ngsi-ld:AirQualityObserved:{device}:{end.UtcDateTime.ToString("yyyyMMdd'T'HH'Z'", CultureInfo.InvariantCulture)}",
                ["type"] = "AirQualityObserved",
            };
            Prop(e, "dateObserved", Iso(end));
            Measure(e, q, QuantityNames.Pm25, "pm25", "GQ", 1);
            Measure(e, q, QuantityNames.Pm10, "pm10", "GQ", 1);
            Measure(e, q, QuantityNames.Pm1, "pm1", "GQ", 1);
            Measure(e, q, QuantityNames.Co2, "co2", "59", 1);
            Measure(e, q, QuantityNames.Temperature, "temperature", "CEL", 1);
            Measure(e, q, QuantityNames.RelativeHumidity, "relativeHumidity", null, 0.01);
            if (pm25.TryGetValue(device, out var hours) && NowCastAqi(hours, end) is { } aqi)
            {
                Prop(e, "airQualityIndex", aqi.Index, "US EPA AQI (2024), PM2.5 NowCast");
                Prop(e, "airQualityLevel", Level(aqi.Category), "US EPA AQI (2024)");
            }

            Prop(e, "refDevice", "urn:ngsi-ld:Device:" + device, relationship: true);
            Prop(e, "areaServed", site);
            Prop(e, "dataProvider", dataProvider);
            Prop(e, "typeofLocation", "outdoor");
            Place(e, device, site);
            e["@context"] = Context(EnvironmentContext);
            array.Add(e);
        }

        return array;
    }

    private static AqiResult? NowCastAqi(SortedDictionary<DateTimeOffset, double> hours, DateTimeOffset end)
    {
        Span<double> recent = stackalloc double[NowCast.WindowHours];
        for (int i = 0; i < recent.Length; i++)
        {
            recent[i] = hours.TryGetValue(end - TimeSpan.FromHours(i + 1), out double v) ? v : double.NaN;
        }

        return NowCast.TryComputeAqi(AqiPollutant.Pm25, recent, out AqiResult aqi) ? aqi : null;
    }

    private static string Level(AqiCategory c) => c switch
    {
        AqiCategory.Good => "good",
        AqiCategory.Moderate => "moderate",
        AqiCategory.UnhealthyForSensitiveGroups => "unhealthyForSensitiveGroups",
        AqiCategory.Unhealthy => "unhealthy",
        AqiCategory.VeryUnhealthy => "veryUnhealthy",
        _ => "hazardous",
    };

    private void Measure(JsonObject e, Dictionary<string, AirOpenRow> q, string quantity, string attribute, string? unitCode, double factor)
    {
        if (!q.TryGetValue(quantity, out AirOpenRow? r))
        {
            return;
        }

        double v = Math.Round(r.Mean * factor, 4);
        if (keyValues)
        {
            e[attribute] = v;
            return;
        }

        var p = new JsonObject { ["type"] = "Property", ["value"] = v };
        if (unitCode is not null)
        {
            p["unitCode"] = unitCode;
        }

        e[attribute] = p;
    }

    private void Place(JsonObject e, string device, string site)
    {
        if (devices.TryGetValue(device, out DashboardDevice? d) && d.Latitude is { } lat && d.Longitude is { } lon)
        {
            var point = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) };
            e["location"] = keyValues ? point : new JsonObject { ["type"] = "GeoProperty", ["value"] = point };
        }
        else
        {
            // No coordinates registered: the civic address (the site name) stands in, as the models allow for traffic.
            var address = new JsonObject { ["type"] = "PostalAddress", ["streetAddress"] = site };
            e["address"] = keyValues ? address : new JsonObject { ["type"] = "Property", ["value"] = address };
        }
    }

    private void Prop(JsonObject e, string name, JsonNode? value, string? referenceSpecification = null, bool relationship = false)
    {
        if (keyValues)
        {
            e[name] = value;
            return;
        }

        var p = relationship
            ? new JsonObject { ["type"] = "Relationship", ["object"] = value }
            : new JsonObject { ["type"] = "Property", ["value"] = value };
        if (referenceSpecification is not null)
        {
            p["referenceSpecification"] = new JsonObject { ["type"] = "Property", ["value"] = referenceSpecification };
        }

        e[name] = p;
    }

    private void DateProp(JsonObject e, string name, DateTimeOffset t)
    {
        e[name] = keyValues
            ? Iso(t)
            : new JsonObject { ["type"] = "Property", ["value"] = new JsonObject { ["@type"] = "DateTime", ["@value"] = Iso(t) } };
    }

    private static JsonArray Context(string[] urls) => [.. urls.Select(u => (JsonNode?)JsonValue.Create(u))];

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
