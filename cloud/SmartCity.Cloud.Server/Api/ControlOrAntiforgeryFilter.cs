using Microsoft.AspNetCore.Antiforgery;

namespace SmartCity.Cloud.Server.Api;

/// <summary>
/// CSRF protection for the operator endpoints that change something. A request carrying the local control secret
/// (a header no browser adds on its own) passes; one authorised by the dashboard's admin cookie must also carry the
/// page's antiforgery token (header <c>X-CSRF-TOKEN</c>), so another site cannot make a signed-in admin's browser
/// create enrollment tokens, revoke devices or push bundles.
/// </summary>
internal sealed class ControlOrAntiforgeryFilter(LocalControl control) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || control.IsAuthorized(http.Request))
        {
            return await next(context).ConfigureAwait(false);
        }

        IAntiforgery antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid antiforgery token",
                detail: "Send the dashboard page's token in the X-CSRF-TOKEN header (reload the page if it expired).");
        }

        return await next(context).ConfigureAwait(false);
    }
}
