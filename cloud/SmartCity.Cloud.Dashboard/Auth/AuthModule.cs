using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>
/// Sign-in with local accounts (cookie), the operator and admin policies, antiforgery, rate limits on the API and the
/// audit log. Runs first so every later endpoint is behind authentication and the limiter.
/// </summary>
public sealed class AuthModule : IDashboardModule
{
    /// <inheritdoc />
    public int Order => 10;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Admin", "/admin/users", 90, DashboardRoles.Admin)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AuthSettings auth = options.Auth;
        auth.Validate();
        services.AddSingleton(_ => new LocalAccountStore(options.DataDirectory, auth.MinPasswordLength));
        services.AddSingleton(_ => new AuditLog(options.DataDirectory));
        services.AddSingleton<IDashboardHeaderItem, AuthHeaderItem>();
        services.AddHostedService<InitialAdminService>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/access-denied";
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = "smartcity.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = auth.SessionLifetime;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateAccountStillExists;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Operator, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Operator))
            .AddPolicy(DashboardPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHtml.HeaderName;
            o.Cookie.Name = "smartcity.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                IsLimitedApiPath(ctx.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter("api:" + ClientKey(ctx), _ => Window(auth.ApiPermitsPerWindow, auth.RateLimitWindow))
                    : RateLimitPartition.GetNoLimiter("none"));
            o.AddPolicy(DashboardRateLimits.OpenData, ctx =>
                RateLimitPartition.GetFixedWindowLimiter("open:" + ClientKey(ctx), _ => Window(auth.OpenDataPermitsPerWindow, auth.RateLimitWindow)));
            o.AddPolicy(DashboardRateLimits.Login, ctx =>
                RateLimitPartition.GetFixedWindowLimiter("login:" + ClientKey(ctx), _ => Window(auth.LoginPermitsPerWindow, auth.RateLimitWindow)));
            o.OnRejected = async (ctx, ct) =>
            {
                HttpResponse response = ctx.HttpContext.Response;
                int retry = (int)Math.Ceiling(auth.RateLimitWindow.TotalSeconds);
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after))
                {
                    retry = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
                }

                response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "application/problem+json";
                await response.WriteAsync(
                    "{\"type\":\"https://www.rfc-editor.org/rfc/rfc6585#section-4\",\"title\":\"Too many requests\",\"status\":429,"
                    + $"\"detail\":\"This address sent more requests than allowed; retry after {retry} s.\"}}",
                    ct).ConfigureAwait(false);
            };
        });
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.Use(RedirectOneTimePasswordSessions);
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        AuthEndpoints.Map(endpoints);
        AdminEndpoints.Map(endpoints);
    }

    /// <summary>Paths under the global API limit: every <c>/api/</c> path but the long-lived event stream.</summary>
    internal static bool IsLimitedApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/v1/live", StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string ClientKey(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // A deleted account, or one whose role changed, loses its session at the next request.
    private static Task ValidateAccountStillExists(CookieValidatePrincipalContext ctx)
    {
        LocalAccountStore accounts = ctx.HttpContext.RequestServices.GetRequiredService<LocalAccountStore>();
        string? name = DashboardUser.NameOf(ctx.Principal);
        LocalAccount? account = name is null ? null : accounts.Find(name);
        bool isAdmin = ctx.Principal?.IsInRole(DashboardRoles.Admin) == true;
        if (account is null || isAdmin != (account.Role == DashboardRoles.Admin))
        {
            ctx.RejectPrincipal();
        }

        return Task.CompletedTask;
    }

    private static async Task RedirectOneTimePasswordSessions(HttpContext context, RequestDelegate next)
    {
        if (context.User.HasClaim(DashboardUser.MustChangePasswordClaim, "true")
            && HttpMethods.IsGet(context.Request.Method)
            && !context.Request.Path.StartsWithSegments("/account/password", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect("/account/password");
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
