using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Hosting;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>Why a request's query string cannot be answered, with the field at fault and the HTTP status.</summary>
public sealed record QueryError(int Status, string Title, string Detail, string Field)
{
    /// <summary>The problem-details response.</summary>
    public IResult ToResult() => DashboardProblems.Problem(Status, Title, Detail, Field);

    internal static QueryError Malformed(string field, string detail) => new(StatusCodes.Status400BadRequest, "Malformed query", detail, field);

    internal static QueryError ImpossibleRange(string detail) => new(StatusCodes.Status400BadRequest, "Impossible time range", detail, "from");

    internal static QueryError UnknownDevice(string id) =>
        new(StatusCodes.Status404NotFound, "Unknown device", $"No device '{id}' is registered or has sent data.", "device");

    internal static QueryError UnknownSite(string site) =>
        new(StatusCodes.Status404NotFound, "Unknown site", $"No device stands at site '{site}'.", "site");
}
