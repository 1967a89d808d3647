using SmartCity.Cloud.Dashboard.Querying;

namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>A parsed traffic request: the selection and what to group by.</summary>
/// <param name="Selection">Devices, range, bin.</param>
/// <param name="Kind">"line" or "movement".</param>
/// <param name="Group">"class", "line", "direction" or "device".</param>
/// <param name="Line">Only this line or movement; null for all.</param>
public sealed record TrafficRequest(RangeSelection Selection, string Kind, string Group, string? Line)
{
    /// <summary>The query parameters the traffic page and API accept.</summary>
    public static readonly string[] Parameters = ["site", "device", "from", "to", "bin", "kind", "group", "line"];

    /// <summary>Reads a request; on failure returns null and the error.</summary>
    public static async Task<(TrafficRequest? Request, QueryError? Error)> ReadAsync(
        Microsoft.AspNetCore.Http.IQueryCollection query, DeviceDirectory directory, DashboardOptions options, TimeProvider clock, CancellationToken cancellationToken,
        params string[] extra)
    {
        QueryReader q = QueryReader.For(query, [.. Parameters, .. extra]);
        string kind = q.Choice("kind", "line", "line", "movement");
        string group = q.Choice("group", "class", "class", "line", "direction", "device");
        string? line = q.Text("line");
        if (q.Error is { } early)
        {
            return (null, early);
        }

        DeviceDirectory.Snapshot dir = await directory.GetAsync(cancellationToken).ConfigureAwait(false);
        RangeSelection? selection = q.Selection(dir, options, clock.GetUtcNow(), TimeSpan.FromHours(24));
        return selection is null ? (null, q.Error) : (new TrafficRequest(selection, kind, group, line), null);
    }
}
