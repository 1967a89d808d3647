namespace SmartCity.Contracts;

/// <summary>
/// MQTT topics of wire contract v1: <c>smartcity/v1/{deviceId}/{status|traffic|air|health|events|cmd-result}</c> from
/// the device, <c>smartcity/v1/{deviceId}/cmd/{name}</c> to it. Builders throw on a bad device id or command name
/// (they run at configuration time); <see cref="TryParse"/> never throws (it runs per received message).
/// </summary>
public static class Topics
{
    /// <summary>Root of every topic of this contract version.</summary>
    public const string Root = "smartcity/v1";

    /// <summary>Filter for every device-to-cloud message of every device (<c>+/+</c> does not match <c>cmd/{name}</c>).</summary>
    public const string UplinkFilter = Root + "/+/+";

    /// <summary>Longest command name.</summary>
    public const int MaxCommandNameLength = 64;

    private const string RootSlash = Root + "/";
    private const string CommandSegment = "cmd";

    /// <summary><c>smartcity/v1/{deviceId}/status</c>: retained; birth message and last will.</summary>
    public static string Status(string deviceId) => Build(deviceId, MessageKind.Status);

    /// <summary><c>smartcity/v1/{deviceId}/traffic</c>.</summary>
    public static string Traffic(string deviceId) => Build(deviceId, MessageKind.Traffic);

    /// <summary><c>smartcity/v1/{deviceId}/air</c>.</summary>
    public static string Air(string deviceId) => Build(deviceId, MessageKind.Air);

    /// <summary><c>smartcity/v1/{deviceId}/health</c>.</summary>
    public static string Health(string deviceId) => Build(deviceId, MessageKind.Health);

    /// <summary><c>smartcity/v1/{deviceId}/events</c>: opt-in per-object crossings.</summary>
    public static string Events(string deviceId) => Build(deviceId, MessageKind.Events);

    /// <summary><c>smartcity/v1/{deviceId}/cmd-result</c>.</summary>
    public static string CommandResult(string deviceId) => Build(deviceId, MessageKind.CommandResult);

    /// <summary><c>smartcity/v1/{deviceId}/cmd/{name}</c>: a command to the device.</summary>
    public static string Command(string deviceId, string name)
    {
        DeviceIds.EnsureValid(deviceId);
        if (!IsValidCommandName(name))
        {
            throw new ArgumentException(
                $"Command name '{name}' is not valid: it must be 1-{MaxCommandNameLength} characters of a-z, 0-9, '_' and '-', starting with a letter or digit.",
                nameof(name));
        }

        return $"{RootSlash}{deviceId}/{CommandSegment}/{name}";
    }

    /// <summary><c>smartcity/v1/{deviceId}/cmd/+</c>: what a device subscribes to for its commands.</summary>
    public static string CommandFilter(string deviceId)
    {
        DeviceIds.EnsureValid(deviceId);
        return $"{RootSlash}{deviceId}/{CommandSegment}/+";
    }

    /// <summary>The topic of a device-to-cloud <paramref name="kind"/> (not <see cref="MessageKind.Command"/>, which needs a name).</summary>
    public static string For(string deviceId, MessageKind kind) => Build(deviceId, kind);

    /// <summary>
    /// <c>$share/{group}/smartcity/v1/+/+</c>: MQTT 5 shared subscription over every device's uplink, so that the ingest
    /// nodes of one group split the messages between them.
    /// </summary>
    public static string SharedSubscription(string group)
    {
        if (string.IsNullOrEmpty(group) || group.AsSpan().IndexOfAny("/+#") >= 0)
        {
            throw new ArgumentException($"Shared subscription group '{group}' must be non-empty and contain no '/', '+' or '#'.", nameof(group));
        }

        return $"$share/{group}/{UplinkFilter}";
    }

    /// <summary>The topic level of <paramref name="kind"/>: status, traffic, air, health, events, cmd, cmd-result.</summary>
    public static string Segment(MessageKind kind) => kind switch
    {
        MessageKind.Status => "status",
        MessageKind.Traffic => "traffic",
        MessageKind.Air => "air",
        MessageKind.Health => "health",
        MessageKind.Events => "events",
        MessageKind.Command => CommandSegment,
        MessageKind.CommandResult => "cmd-result",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind."),
    };

    /// <summary>
    /// Splits a received topic into device id, kind and (for commands) the command name. False for another root,
    /// an invalid device id (wildcards, '/', upper case, wrong length), an unknown kind or extra levels.
    /// </summary>
    public static bool TryParse(string? topic, out string deviceId, out MessageKind kind, out string? commandName)
    {
        deviceId = string.Empty;
        kind = default;
        commandName = null;
        if (topic is null || !topic.StartsWith(RootSlash, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = topic.AsSpan(RootSlash.Length);
        int slash = rest.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        ReadOnlySpan<char> device = rest[..slash];
        ReadOnlySpan<char> tail = rest[(slash + 1)..];
        if (!DeviceIds.IsValid(device))
        {
            return false;
        }

        if (!TryParseKind(tail, out kind, out ReadOnlySpan<char> name))
        {
            return false;
        }

        deviceId = device.ToString();
        commandName = kind == MessageKind.Command ? name.ToString() : null;
        return true;
    }

    /// <summary>True for 1-64 characters of a-z, 0-9, '_' and '-' starting with a letter or digit.</summary>
    public static bool IsValidCommandName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxCommandNameLength || name[0] is '_' or '-')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseKind(ReadOnlySpan<char> tail, out MessageKind kind, out ReadOnlySpan<char> commandName)
    {
        commandName = default;
        switch (tail)
        {
            case "status": kind = MessageKind.Status; return true;
            case "traffic": kind = MessageKind.Traffic; return true;
            case "air": kind = MessageKind.Air; return true;
            case "health": kind = MessageKind.Health; return true;
            case "events": kind = MessageKind.Events; return true;
            case "cmd-result": kind = MessageKind.CommandResult; return true;
        }

        kind = MessageKind.Command;
        if (tail.StartsWith(CommandSegment + "/", StringComparison.Ordinal))
        {
            commandName = tail[(CommandSegment.Length + 1)..];
            return IsValidCommandName(commandName);
        }

        return false;
    }

    private static string Build(string deviceId, MessageKind kind)
    {
        DeviceIds.EnsureValid(deviceId);
        if (kind == MessageKind.Command)
        {
            throw new ArgumentException("A command topic needs a command name: use Topics.Command(deviceId, name).", nameof(kind));
        }

        return $"{RootSlash}{deviceId}/{Segment(kind)}";
    }
}
