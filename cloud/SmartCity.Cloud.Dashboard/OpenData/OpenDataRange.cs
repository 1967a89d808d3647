using System.Globalization;
using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.OpenData;

/// <summary>The time range and devices of an open-data request, checked.</summary>
/// <param name="From">Start (floored to the bin).</param>
/// <param name="To">End (exclusive).</param>
/// <param name="Devices">Devices asked for; null for all.</param>
internal sealed record OpenDataRange(DateTimeOffset From, DateTimeOffset To, IReadOnlyCollection<string>? Devices)
{
    /// <summary>Default range when none is given: the last 24 hours up to the current bin.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    /// <summary>Parses <c>from</c>, <c>to</c> (RFC 3339) and <c>device</c> (comma-separated); returns a problem result when they cannot be answered.</summary>
    public static bool TryParse(
        HttpRequest request, BinWidth bin, TimeSpan maxSpan, IReadOnlySet<string> knownDevices, DateTimeOffset now,
        out OpenDataRange? range, out IResult? problem)
    {
        range = null;
        problem = null;
        string? fromText = request.Query["from"];
        string? toText = request.Query["to"];
        DateTimeOffset to = bin.FloorToBin(now) + bin.ToTimeSpan();
        if (!string.IsNullOrEmpty(toText) && !TryTime(toText, out to))
        {
            problem = DashboardProblems.BadRequest("Invalid time", $"'to' = '{toText}' is not an RFC 3339 time such as 2026-05-14T06:00:00Z.", "to");
            return false;
        }

        DateTimeOffset from = to - DefaultSpan;
        if (!string.IsNullOrEmpty(fromText) && !TryTime(fromText, out from))
        {
            problem = DashboardProblems.BadRequest("Invalid time", $"'from' = '{fromText}' is not an RFC 3339 time such as 2026-05-13T06:00:00Z.", "from");
            return false;
        }

        if (from >= to)
        {
            problem = DashboardProblems.BadRequest("Impossible time range", $"'from' ({from:O}) must be before 'to' ({to:O}).", "from");
            return false;
        }

        if (to - from > maxSpan)
        {
            problem = DashboardProblems.TooLarge(
                "Time range too long",
                $"{(to - from).TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days asked; at most {maxSpan.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days per request. Split the range.",
                "from");
            return false;
        }

        List<string>? devices = null;
        string? deviceText = request.Query["device"];
        if (!string.IsNullOrWhiteSpace(deviceText))
        {
            devices = [.. deviceText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            foreach (string d in devices)
            {
                if (!knownDevices.Contains(d))
                {
                    problem = DashboardProblems.NotFound("Unknown device", $"No device '{d}' is registered or has sent data.", "device");
                    return false;
                }
            }
        }

        range = new OpenDataRange(bin.FloorToBin(from), to, devices);
        return true;
    }

    private static bool TryTime(string text, out DateTimeOffset t) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t)
        && t.Year is >= 2000 and <= 2200;
}
