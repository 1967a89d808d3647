using System.Globalization;
using System.Reflection;
using SmartCity.Edge.Tracking;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>--tracker KEY=VALUE</c> on the command line: sets one <see cref="TrackerOptions"/> property by name
/// (case-insensitive), so a tracker setting can be measured with <c>eval</c> without editing a configuration
/// file. Times take seconds ("12", "12s") or a TimeSpan ("00:00:12").
/// </summary>
internal static class TrackerOverrides
{
    /// <summary>Applies every override to <paramref name="options"/>; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static void Apply(TrackerOptions options, IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (string item in overrides)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1)
            {
                throw new ArgumentException($"--tracker '{item}': expected KEY=VALUE, e.g. StationaryLostTimeout=60s.");
            }

            string key = item[..eq].Trim();
            string text = item[(eq + 1)..].Trim();
            var property = typeof(TrackerOptions).GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                string known = string.Join(", ", typeof(TrackerOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
                throw new ArgumentException($"--tracker '{item}': unknown key '{key}'. Known: {known}.");
            }

            property.SetValue(options, Parse(property.PropertyType, text, item));
        }

        options.Validate("--tracker");
    }

    private static object Parse(Type type, string text, string item)
    {
        var inv = CultureInfo.InvariantCulture;
        bool ok;
        object? value;
        if (type == typeof(float))
        {
            ok = float.TryParse(text, NumberStyles.Float, inv, out float f);
            value = f;
        }
        else if (type == typeof(double))
        {
            ok = double.TryParse(text, NumberStyles.Float, inv, out double d);
            value = d;
        }
        else if (type == typeof(int))
        {
            ok = int.TryParse(text, NumberStyles.Integer, inv, out int i);
            value = i;
        }
        else if (type == typeof(bool))
        {
            ok = bool.TryParse(text, out bool b);
            value = b;
        }
        else if (type == typeof(TimeSpan))
        {
            string seconds = text.EndsWith('s') ? text[..^1] : text;
            if (double.TryParse(seconds, NumberStyles.Float, inv, out double s) && double.IsFinite(s) && Math.Abs(s) < 1e6)
            {
                ok = true;
                value = TimeSpan.FromSeconds(s);
            }
            else
            {
                ok = TimeSpan.TryParse(text, inv, out var t);
                value = t;
            }
        }
        else
        {
            throw new ArgumentException($"--tracker '{item}': settings of type {type.Name} cannot be set here.");
        }

        return ok && value is not null
            ? value
            : throw new ArgumentException($"--tracker '{item}': '{text}' is not a valid {type.Name}.");
    }
}
