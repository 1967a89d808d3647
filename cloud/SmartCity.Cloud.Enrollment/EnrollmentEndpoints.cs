using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SmartCity.Cloud.Enrollment;

/// <summary>
/// Registration and endpoints. The host calls <c>builder.AddEnrollment()</c> and <c>app.MapEnrollment()</c>
/// (public: <c>POST /api/enroll</c>, <c>GET /api/enroll/ca</c>, <c>GET /api/enroll/crl</c>), and
/// <c>app.MapEnrollmentAdmin(policy)</c> for the admin endpoints (<c>POST /api/enroll/tokens</c>,
/// <c>POST /api/enroll/revoke/{device}</c>) behind an authorization policy of its choice.
/// </summary>
public static class EnrollmentEndpoints
{
    /// <summary>Binds <see cref="EnrollmentOptions"/> from section <paramref name="section"/>, validated on start, and registers the service.</summary>
    public static IHostApplicationBuilder AddEnrollment(this IHostApplicationBuilder builder, string section = "Enrollment")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EnrollmentOptions>().BindConfiguration(section)
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        builder.Services.AddSingleton(sp => new EnrollmentService(sp.GetRequiredService<IOptions<EnrollmentOptions>>().Value, sp.GetService<TimeProvider>()));
        return builder;
    }

    /// <summary>Maps the device-facing enrollment endpoints under <paramref name="prefix"/>.</summary>
    public static RouteGroupBuilder MapEnrollment(this IEndpointRouteBuilder endpoints, string prefix = "/api/enroll")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.MapPost("/", Enroll);
        group.MapGet("/ca", (EnrollmentService service) => Results.Text(service.Authority.CertificatePem + "\n", "application/x-pem-file"));
        group.MapGet("/crl", (EnrollmentService service) => Results.Text(service.CrlPem, "application/x-pem-file"));
        return group;
    }

    /// <summary>Maps the admin endpoints under <paramref name="prefix"/>, all requiring <paramref name="policy"/>.</summary>
    public static RouteGroupBuilder MapEnrollmentAdmin(this IEndpointRouteBuilder endpoints, string policy, string prefix = "/api/enroll")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(policy);
        var group = endpoints.MapGroup(prefix).RequireAuthorization(policy);
        group.MapPost("/tokens", CreateToken);
        group.MapPost("/revoke/{device}", (string device, EnrollmentService service) =>
        {
            if (!SmartCity.Contracts.DeviceIds.IsValid(device))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"'{device}' is not a device id.");
            }

            int count = service.RevokeDevice(device);
            return Results.Ok(new { device, revoked = count });
        });
        return group;
    }

    private static async Task<IResult> Enroll(HttpRequest request, EnrollmentService service)
    {
        EnrollmentRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync(EnrollmentJsonContext.Default.EnrollmentRequest, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "bad_request", detail: $"the body is not an enrollment request: {ex.Message}");
        }

        try
        {
            var response = service.Enroll(body?.Token, body?.Csr);
            return Results.Json(response, EnrollmentJsonContext.Default.EnrollmentResponse);
        }
        catch (EnrollmentException ex)
        {
            int status = ex.Error switch
            {
                EnrollmentError.UnknownToken or EnrollmentError.ExpiredToken => StatusCodes.Status401Unauthorized,
                EnrollmentError.UsedToken => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(statusCode: status, title: ToName(ex.Error), detail: ex.Message);
        }
    }

    private static async Task<IResult> CreateToken(HttpRequest request, EnrollmentService service)
    {
        TokenRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync(EnrollmentJsonContext.Default.TokenRequest, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"the body is not a token request: {ex.Message}");
        }

        try
        {
            return Results.Json(service.CreateToken(body?.Device ?? "", body?.ValidFor), EnrollmentJsonContext.Default.TokenResponse);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
        }
    }

    private static string ToName(EnrollmentError error) => error switch
    {
        EnrollmentError.BadRequest => "bad_request",
        EnrollmentError.BadCsr => "bad_csr",
        EnrollmentError.UnknownToken => "unknown_token",
        EnrollmentError.ExpiredToken => "expired_token",
        EnrollmentError.UsedToken => "used_token",
        _ => "error",
    };
}
