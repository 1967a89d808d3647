using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>What a turning movement does (JSON "through", "left", "right", "u_turn").</summary>
[JsonConverter(typeof(WireEnumConverter<TurnKind>))]
public enum TurnKind
{
    /// <summary>Straight on.</summary>
    Through,

    /// <summary>Turn to the left.</summary>
    Left,

    /// <summary>Turn to the right.</summary>
    Right,

    /// <summary>Turn back the way it came.</summary>
    UTurn,
}
