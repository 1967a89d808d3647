using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>The antiforgery (CSRF) token for forms and page scripts.</summary>
public static class AntiforgeryHtml
{
    /// <summary>Header a page script sends the token in on JSON POST/PUT/DELETE requests.</summary>
    public const string HeaderName = "X-CSRF-TOKEN";

    /// <summary>A hidden input carrying the request token; put it inside every &lt;form method="post"&gt;.</summary>
    public static string Field(HttpContext context)
    {
        AntiforgeryTokenSet tokens = Tokens(context);
        return $"<input type=\"hidden\" name=\"{Html.A(tokens.FormFieldName)}\" value=\"{Html.A(tokens.RequestToken)}\">";
    }

    /// <summary>The request token for a page script (send it in <see cref="HeaderName"/>).</summary>
    public static string Token(HttpContext context) => Tokens(context).RequestToken ?? "";

    private static AntiforgeryTokenSet Tokens(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
    }
}
