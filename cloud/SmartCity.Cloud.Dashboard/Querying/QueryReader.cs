using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>
/// Strict reading of a query string: unknown parameters, repeated single-valued parameters, malformed times and
/// impossible ranges are refused with a problem naming the field, rather than guessed at.
/// </summary>
public sealed class QueryReader
{
    private readonly IQueryCollection _query;

    private QueryReader(IQueryCollection query) => _query = query;

    /// <summary>The first error found; null while all is well.</summary>
    public QueryError? Error { get; private set; }

    /// <summary>Starts reading <paramref name="query"/>, refusing any parameter not in <paramref name="allowed"/>.</summary>
    public static QueryReader For(IQueryCollection query, params ReadOnlySpan<string> allowed)
    {
        var reader = new QueryReader(query);
        foreach (string key in query.Keys)
        {
            if (!allowed.Contains(key))
            {
                reader.Fail(QueryError.Malformed(key, $"Unknown query parameter '{key}'. Allowed: {string.Join(", ", allowed.ToArray())}."));
                break;
            }
        }

        return reader;
    }

    /// <summary>A single-valued text parameter; null when absent or empty.</summary>
    public string? Text(string name, int maxLength = 200)
    {
        StringValues v = _query[name];
        if (v.Count == 0 || string.IsNullOrEmpty(v[0]))
        {
            return null;
        }

        if (v.Count > 1)
        {
            Fail(QueryError.Malformed(name, $"'{name}' is given {v.Count} times; give it once."));
            return null;
        }

        string s = v[0]!;
        if (s.Length > maxLength || s.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
        {
            Fail(QueryError.Malformed(name, $"'{name}' is longer than {maxLength} characters or holds control characters."));
            return null;
        }

        return s;
    }

    /// <summary>A list parameter: repeated or comma-separated values.</summary>
    public IReadOnlyList<string> List(string name, int maxItems = 200)
    {
        var list = new List<string>();
        foreach (string? v in _query[name])
        {
            if (string.IsNullOrEmpty(v))
            {
                continue;
            }

            foreach (string part in v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (part.Length > 200 || part.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
                {
                    Fail(QueryError.Malformed(name, $"A value of '{name}' is longer than 200 characters or holds control characters."));
                    return [];
                }

                if (!list.Contains(part))
                {
                    list.Add(part);
                }
            }
        }

        if (list.Count > maxItems)
        {
            Fail(QueryError.Malformed(name, $"'{name}' lists {list.Count} values; at most {maxItems}."));
            return [];
        }

        return list;
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive); <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, params ReadOnlySpan<string> choices)
    {
        string? v = Text(name);
        if (v is null)
        {
            return fallback;
        }

        foreach (string c in choices)
        {
            if (string.Equals(c, v, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        Fail(QueryError.Malformed(name, $"'{name}' must be one of {string.Join(", ", choices.ToArray())} (was '{v}')."));
        return fallback;
    }

    /// <summary>An ISO 8601 time (UTC when no offset is given); null when absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        string? v = Text(name, 64);
        if (v is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset t))
        {
            Fail(QueryError.Malformed(name, $"'{name}' is not an ISO 8601 time such as 2025-03-10T08:00:00Z (was '{v}')."));
            return null;
        }

        if (t.Year < 2000 || t.Year > 2200)
        {
            Fail(QueryError.ImpossibleRange($"'{name}' {v} is outside the years 2000..2200.") with { Field = name });
            return null;
        }

        return t.ToUniversalTime();
    }

    /// <summary>
    /// Reads <c>from</c>, <c>to</c> and <c>bin</c>: defaults to the last <paramref name="defaultSpan"/> up to now (rounded up to the bin);
    /// refuses to ≤ from and ranges longer than the options allow for the bin.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To, BinWidth Bin) Range(DashboardOptions options, DateTimeOffset now, TimeSpan defaultSpan)
    {
        string binName = Choice("bin", "15m", "15m", "1h");
        BinWidth bin = binName == "1h" ? BinWidth.Hour : BinWidth.FifteenMinutes;
        DateTimeOffset? fromQ = Time("from");
        DateTimeOffset? toQ = Time("to");
        if (Error is not null)
        {
            return default;
        }

        TimeSpan width = bin.ToTimeSpan();
        DateTimeOffset to = toQ ?? bin.FloorToBin(now) + width;
        if (to != bin.FloorToBin(to))
        {
            to = bin.FloorToBin(to) + width;
        }

        DateTimeOffset from = bin.FloorToBin(fromQ ?? to - defaultSpan);
        if (to <= from)
        {
            Fail(QueryError.ImpossibleRange($"'from' ({from:O}) must be before 'to' ({to:O})."));
            return default;
        }

        TimeSpan max = bin == BinWidth.Hour ? options.MaxHourlyRange : options.MaxFifteenMinuteRange;
        if (to - from > max)
        {
            Fail(QueryError.ImpossibleRange(
                $"The range {from:O} .. {to:O} spans {(to - from).TotalDays:0.#} days; at most {max.TotalDays:0.#} days with bin={binName}."));
            return default;
        }

        return (from, to, bin);
    }

    /// <summary>Reads <c>device</c> and <c>site</c> against the directory and the range into a selection.</summary>
    public RangeSelection? Selection(DeviceDirectory.Snapshot directory, DashboardOptions options, DateTimeOffset now, TimeSpan defaultSpan)
    {
        IReadOnlyList<string> devices = List("device");
        string? site = Text("site");
        (DateTimeOffset from, DateTimeOffset to, BinWidth bin) = Range(options, now, defaultSpan);
        if (Error is not null)
        {
            return null;
        }

        foreach (string d in devices)
        {
            if (!directory.ById.ContainsKey(d))
            {
                Fail(QueryError.UnknownDevice(d));
                return null;
            }
        }

        if (site is not null)
        {
            var atSite = directory.Devices.Where(d => d.Site == site).Select(d => d.Id).ToList();
            if (atSite.Count == 0)
            {
                Fail(QueryError.UnknownSite(site));
                return null;
            }

            if (devices.Count == 0)
            {
                devices = atSite;
            }
            else if (devices.FirstOrDefault(d => !atSite.Contains(d)) is { } stray)
            {
                Fail(QueryError.Malformed("device", $"Device '{stray}' does not stand at site '{site}'."));
                return null;
            }
        }

        bool all = devices.Count == 0;
        return new RangeSelection(from, to, bin, site, all ? directory.Devices.Select(d => d.Id).ToList() : devices, all);
    }

    private void Fail(QueryError error) => Error ??= error;
}
