using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Hosting;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>The alerts page (operators) and its JSON API.</summary>
internal static class AlertsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder op = endpoints.MapGroup("").RequireAuthorization(DashboardPolicies.Operator);
        op.MapGet("/alerts", (HttpContext ctx, AlertRuleStore rules, AlertEngine engine, DashboardOptions options) =>
            AlertsPage.Render(ctx, rules, engine, options, null, null, null)).ExcludeFromDescription();
        op.MapPost("/alerts/rules", CreateFromForm).ExcludeFromDescription();
        op.MapPost("/alerts/rules/{id}/delete", (HttpContext ctx, string id, AlertRuleStore rules, AlertEngine engine, AuditLog audit, DashboardOptions options) =>
        {
            AlertRule? removed = Remove(ctx, id, rules, audit);
            return removed is null
                ? AlertsPage.Render(ctx, rules, engine, options, null, $"There is no rule '{id}'.", null)
                : Results.Redirect("/alerts");
        }).ExcludeFromDescription();

        RouteGroupBuilder api = op.MapGroup("/api/v1/alerts").WithTags("Alerts");
        api.MapGet("", (AlertEngine engine) => Results.Ok(new AlertsResponse(engine.Active, engine.History)))
            .WithName("GetAlerts").Produces<AlertsResponse>();
        api.MapGet("/rules", (AlertRuleStore rules) => Results.Ok(rules.All)).WithName("GetAlertRules").Produces<IReadOnlyList<AlertRule>>();
        api.MapGet("/metrics", () => Results.Ok(AlertMetrics.All)).WithName("GetAlertMetrics").Produces<IReadOnlyList<AlertMetric>>();
        api.MapPost("/rules", (HttpContext ctx, AlertRuleRequest request, AlertRuleStore rules, AuditLog audit, TimeProvider clock) =>
            {
                if (!request.TryCreate(DashboardUser.AuditName(ctx.User), clock.GetUtcNow(), out AlertRule? rule, out string? field, out string? error))
                {
                    return DashboardProblems.BadRequest("Invalid alert rule", error!, field);
                }

                Add(ctx, rule!, rules, audit);
                return Results.Created($"/api/v1/alerts/rules/{rule!.Id}", rule);
            })
            .AddEndpointFilter<CsrfHeaderFilter>()
            .WithName("CreateAlertRule").Produces<AlertRule>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapDelete("/rules/{id}", (HttpContext ctx, string id, AlertRuleStore rules, AuditLog audit) =>
                Remove(ctx, id, rules, audit) is null
                    ? DashboardProblems.NotFound("Unknown alert rule", $"There is no rule '{id}'.", "id")
                    : Results.NoContent())
            .AddEndpointFilter<CsrfHeaderFilter>()
            .WithName("DeleteAlertRule").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult CreateFromForm(
        HttpContext ctx, AlertRuleStore rules, AlertEngine engine, AuditLog audit, DashboardOptions options, TimeProvider clock,
        [FromForm] string? name, [FromForm] string? metric, [FromForm] string? comparison, [FromForm] string? threshold,
        [FromForm] string? durationMinutes, [FromForm] string? device, [FromForm] string? site)
    {
        var request = new AlertRuleRequest(name, metric, comparison, ParseNumber(threshold), string.IsNullOrWhiteSpace(durationMinutes) ? 0 : ParseNumber(durationMinutes), device, site);
        if (!request.TryCreate(DashboardUser.AuditName(ctx.User), clock.GetUtcNow(), out AlertRule? rule, out _, out string? error))
        {
            return AlertsPage.Render(ctx, rules, engine, options, null, error, request);
        }

        Add(ctx, rule!, rules, audit);
        return AlertsPage.Render(ctx, rules, engine, options, $"Rule '{rule!.Name}' created: it is evaluated on every new interval from now on.", null, null);
    }

    private static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    private static void Add(HttpContext ctx, AlertRule rule, AlertRuleStore rules, AuditLog audit)
    {
        rules.Add(rule);
        audit.Append(DashboardUser.AuditName(ctx.User), "alert-rule.create", rule.Id, null, Json(rule));
    }

    private static AlertRule? Remove(HttpContext ctx, string id, AlertRuleStore rules, AuditLog audit)
    {
        AlertRule? removed = rules.Remove(id);
        if (removed is not null)
        {
            audit.Append(DashboardUser.AuditName(ctx.User), "alert-rule.delete", removed.Id, Json(removed), null);
        }

        return removed;
    }

    private static JsonNode? Json(AlertRule rule) => System.Text.Json.JsonSerializer.SerializeToNode(rule, AlertRuleStore.Json);

    /// <summary>Active alerts and past alerts, newest first.</summary>
    internal sealed record AlertsResponse(IReadOnlyList<AlertRecord> Active, IReadOnlyList<AlertRecord> History);
}
