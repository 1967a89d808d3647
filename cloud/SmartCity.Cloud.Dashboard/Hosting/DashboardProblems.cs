using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SmartCity.Cloud.Dashboard.Hosting;

/// <summary>RFC 9457 problem-details answers for bad input; each names the query field at fault.</summary>
public static class DashboardProblems
{
    /// <summary>400: the request cannot be answered as asked (malformed value, impossible range).</summary>
    public static IResult BadRequest(string title, string detail, string? field = null) => Problem(StatusCodes.Status400BadRequest, title, detail, field);

    /// <summary>404: the request names something that does not exist (unknown device).</summary>
    public static IResult NotFound(string title, string detail, string? field = null) => Problem(StatusCodes.Status404NotFound, title, detail, field);

    /// <summary>413: the answer would be too large (CSV export over the row limit).</summary>
    public static IResult TooLarge(string title, string detail, string? field = null) => Problem(StatusCodes.Status413PayloadTooLarge, title, detail, field);

    /// <summary>A problem-details result with the given status.</summary>
    public static IResult Problem(int status, string title, string detail, string? field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return Results.Problem(problem);
    }

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        StatusCodes.Status413PayloadTooLarge => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        _ => "about:blank",
    };
}
