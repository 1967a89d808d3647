namespace SmartCity.Contracts;

/// <summary>Schema versions of the wire contract.</summary>
public static class WireSchema
{
    /// <summary>The version this library writes and the only one it reads.</summary>
    public const int Version = 1;

    /// <summary>True when a reader of this library understands <paramref name="schema"/>.</summary>
    public static bool IsSupported(int schema) => schema == Version;
}
