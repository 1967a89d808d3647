using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>Sign in, sign out, change password, access denied.</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (HttpContext ctx, string? returnUrl) => LoginPage(ctx, returnUrl, null, null)).ExcludeFromDescription();
        endpoints.MapPost("/login", SignInAsync).RequireRateLimiting(DashboardRateLimits.Login).ExcludeFromDescription();
        endpoints.MapPost("/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.Redirect("/");
        }).ExcludeFromDescription();
        endpoints.MapGet("/account/password", (HttpContext ctx) => PasswordPage(ctx, null)).RequireAuthorization().ExcludeFromDescription();
        endpoints.MapPost("/account/password", ChangePasswordAsync).RequireAuthorization().ExcludeFromDescription();
        endpoints.MapGet("/access-denied", (HttpContext ctx) => PageLayout.Render(ctx, new PageContent
        {
            Title = "Not allowed",
            StatusCode = StatusCodes.Status403Forbidden,
            Body = "<div class=\"card\"><p class=\"notice error\">You are signed in as <strong>" + Html.E(DashboardUser.NameOf(ctx.User))
                + "</strong>, whose role does not include this page. Ask an administrator for access.</p><p><a href=\"/\">Back to the dashboard</a></p></div>",
        })).ExcludeFromDescription();
        endpoints.MapGet("/api/v1/me", (HttpContext ctx) => Results.Ok(new MeResponse(
                DashboardUser.NameOf(ctx.User),
                [.. new[] { DashboardRoles.Operator, DashboardRoles.Admin }.Where(ctx.User.IsInRole)])))
            .WithTags("Auth").WithName("GetCurrentUser").Produces<MeResponse>();
    }

    private static async Task<IResult> SignInAsync(
        HttpContext ctx, LocalAccountStore accounts, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        LocalAccount? account = accounts.Verify(username?.Trim(), password);
        if (account is null)
        {
            return LoginPage(ctx, returnUrl, username, "Unknown user name or wrong password.", StatusCodes.Status401Unauthorized);
        }

        await ctx.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            DashboardUser.PrincipalFor(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false }).ConfigureAwait(false);
        return Results.Redirect(account.MustChangePassword ? "/account/password" : SafeReturnUrl(returnUrl));
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext ctx, LocalAccountStore accounts, AuditLog audit,
        [FromForm] string? current, [FromForm] string? password, [FromForm] string? confirm)
    {
        string name = DashboardUser.AuditName(ctx.User);
        if (accounts.Verify(name, current) is null)
        {
            return PasswordPage(ctx, "The current password is wrong.");
        }

        if (!string.Equals(password, confirm, StringComparison.Ordinal))
        {
            return PasswordPage(ctx, "The new password and its confirmation differ.");
        }

        if (accounts.CheckPassword(password) is { } why)
        {
            return PasswordPage(ctx, why);
        }

        LocalAccount updated = accounts.SetPassword(name, password!);
        audit.Append(name, "account.password", name, null, null);
        await ctx.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            DashboardUser.PrincipalFor(updated, CookieAuthenticationDefaults.AuthenticationScheme)).ConfigureAwait(false);
        return Results.Redirect("/");
    }

    /// <summary>A local path to return to after sign-in (never another site).</summary>
    internal static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && !u.StartsWith("//", StringComparison.Ordinal) && !u.StartsWith("/\\", StringComparison.Ordinal) ? u : "/";

    private static IResult LoginPage(HttpContext ctx, string? returnUrl, string? username, string? error, int status = StatusCodes.Status200OK)
    {
        var b = new StringBuilder();
        b.Append("<div class=\"card auth-card\"><form method=\"post\" action=\"/login\" class=\"auth-form\">").Append(AntiforgeryHtml.Field(ctx));
        if (error is not null)
        {
            b.Append("<div class=\"notice error\" role=\"alert\">").Append(Html.E(error)).Append("</div>");
        }

        b.Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Html.A(SafeReturnUrl(returnUrl))).Append("\">")
            .Append("<label>User name<input name=\"username\" id=\"username\" autocomplete=\"username\" required value=\"").Append(Html.A(username)).Append("\"></label>")
            .Append("<label>Password<input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
            .Append("<button class=\"btn primary\" type=\"submit\">Sign in</button>")
            .Append("<p class=\"muted\">Operators and administrators only. The public pages — fleet, traffic, air quality, AI registry and open data — need no account.</p>")
            .Append("</form></div>");
        return PageLayout.Render(ctx, new PageContent { Title = "Sign in", Body = b.ToString(), StatusCode = status, Styles = ["/assets/auth.css"] });
    }

    private static IResult PasswordPage(HttpContext ctx, string? error)
    {
        bool oneTime = ctx.User.HasClaim(DashboardUser.MustChangePasswordClaim, "true");
        var b = new StringBuilder();
        b.Append("<div class=\"card auth-card\"><form method=\"post\" action=\"/account/password\" class=\"auth-form\">").Append(AntiforgeryHtml.Field(ctx));
        if (oneTime)
        {
            b.Append("<div class=\"notice info\">You signed in with a one-time password. Choose your own password to continue.</div>");
        }

        if (error is not null)
        {
            b.Append("<div class=\"notice error\" role=\"alert\">").Append(Html.E(error)).Append("</div>");
        }

        b.Append("<label>Current password<input name=\"current\" type=\"password\" autocomplete=\"current-password\" required></label>")
            .Append("<label>New password<input name=\"password\" type=\"password\" autocomplete=\"new-password\" required></label>")
            .Append("<label>Repeat the new password<input name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required></label>")
            .Append("<button class=\"btn primary\" type=\"submit\">Change password</button></form></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Change password",
            Body = b.ToString(),
            StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
            Styles = ["/assets/auth.css"],
        });
    }

    /// <summary>The signed-in user (null name when anonymous) and roles.</summary>
    internal sealed record MeResponse(string? User, IReadOnlyList<string> Roles);
}
