using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>A device's connection state in its retained status message (JSON "online", "offline").</summary>
[JsonConverter(typeof(WireEnumConverter<DeviceState>))]
public enum DeviceState
{
    /// <summary>Birth message, published retained after each connect.</summary>
    Online,

    /// <summary>Last will (set at connect, published by the broker when the device vanishes) or a clean shutdown.</summary>
    Offline,
}
