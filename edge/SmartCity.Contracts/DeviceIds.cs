namespace SmartCity.Contracts;

/// <summary>
/// Device ids: 3 to 64 characters of <c>[a-z0-9-]</c>, starting and ending with a letter or digit
/// (<c>^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$</c>). That keeps them safe as an MQTT topic level (no <c>/</c>, <c>+</c>,
/// <c>#</c>, <c>$</c>), as a broker user name for ACL patterns and as a store tag.
/// </summary>
public static class DeviceIds
{
    /// <summary>Shortest valid id.</summary>
    public const int MinLength = 3;

    /// <summary>Longest valid id.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="deviceId"/> is a valid device id.</summary>
    public static bool IsValid(ReadOnlySpan<char> deviceId)
    {
        if (deviceId.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        if (!IsLetterOrDigit(deviceId[0]) || !IsLetterOrDigit(deviceId[^1]))
        {
            return false;
        }

        for (int i = 1; i < deviceId.Length - 1; i++)
        {
            char c = deviceId[i];
            if (!IsLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="deviceId"/> is not null and a valid device id.</summary>
    public static bool IsValid(string? deviceId) => deviceId is not null && IsValid(deviceId.AsSpan());

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="paramName"/> when the id is not valid.</summary>
    public static void EnsureValid(string? deviceId, string paramName = "deviceId")
    {
        if (!IsValid(deviceId))
        {
            throw new ArgumentException(
                $"Device id '{deviceId}' is not valid: it must be 3-64 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.",
                paramName);
        }
    }

    private static bool IsLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
