using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Hosting;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>
/// Antiforgery check for JSON endpoints that change something (forms are checked by <c>UseAntiforgery</c> itself): the
/// request must carry the token in <see cref="AntiforgeryHtml.HeaderName"/> matching the antiforgery cookie, so another
/// site cannot make a signed-in browser send the request.
/// </summary>
public sealed class CsrfHeaderFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        IAntiforgery antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext).ConfigureAwait(false))
        {
            return DashboardProblems.Problem(
                StatusCodes.Status400BadRequest,
                "Missing or invalid antiforgery token",
                $"Send the page's token in the {AntiforgeryHtml.HeaderName} header (reload the page if it expired).",
                AntiforgeryHtml.HeaderName);
        }

        return await next(context).ConfigureAwait(false);
    }
}
