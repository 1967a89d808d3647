using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// Enums travel as snake_case strings ("no_data", "u_turn"); integers are refused so that a value no reader knows
/// cannot slip in as a number.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class WireEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Snake-case names, no integers.</summary>
    public WireEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }
}
