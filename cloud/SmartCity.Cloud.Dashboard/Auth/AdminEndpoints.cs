using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>Admin pages: accounts and the audit log. Anonymous users and operators are refused.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder admin = endpoints.MapGroup("").RequireAuthorization(DashboardPolicies.Admin);
        admin.MapGet("/admin/users", (HttpContext ctx, LocalAccountStore accounts) => UsersPage(ctx, accounts, null, null)).ExcludeFromDescription();
        admin.MapPost("/admin/users", CreateUser).ExcludeFromDescription();
        admin.MapPost("/admin/users/{name}/delete", DeleteUser).ExcludeFromDescription();
        admin.MapGet("/admin/audit", AuditPage).ExcludeFromDescription();
        admin.MapGet("/api/v1/admin/audit", (AuditLog audit, int? max) => Results.Ok(audit.Recent(Math.Clamp(max ?? 500, 1, 10_000))))
            .WithTags("Admin").WithName("GetAuditLog").Produces<IReadOnlyList<AuditEntry>>();
        admin.MapGet("/api/v1/admin/users", (LocalAccountStore accounts) =>
                Results.Ok(accounts.All.Select(a => new AccountView(a.UserName, a.Role, a.Created, a.MustChangePassword)).ToList()))
            .WithTags("Admin").WithName("GetAccounts").Produces<List<AccountView>>();
    }

    private static IResult CreateUser(
        HttpContext ctx, LocalAccountStore accounts, AuditLog audit,
        [FromForm] string? username, [FromForm] string? role, [FromForm] string? password)
    {
        try
        {
            LocalAccount a = accounts.Create(username?.Trim() ?? "", role ?? "", password ?? "");
            audit.Append(DashboardUser.AuditName(ctx.User), "account.create", a.UserName, null, AccountJson(a));
            return UsersPage(ctx, accounts, $"Account '{a.UserName}' ({a.Role}) created.", null);
        }
        catch (ArgumentException ex)
        {
            return UsersPage(ctx, accounts, null, ex.Message);
        }
    }

    private static IResult DeleteUser(HttpContext ctx, LocalAccountStore accounts, AuditLog audit, string name)
    {
        LocalAccount? before = accounts.Find(name);
        if (before is null)
        {
            return UsersPage(ctx, accounts, null, $"There is no account '{name}'.");
        }

        if (string.Equals(before.UserName, DashboardUser.NameOf(ctx.User), StringComparison.OrdinalIgnoreCase))
        {
            return UsersPage(ctx, accounts, null, "You cannot delete your own account.");
        }

        try
        {
            accounts.Delete(name);
            audit.Append(DashboardUser.AuditName(ctx.User), "account.delete", before.UserName, AccountJson(before), null);
            return UsersPage(ctx, accounts, $"Account '{before.UserName}' deleted.", null);
        }
        catch (ArgumentException ex)
        {
            return UsersPage(ctx, accounts, null, ex.Message);
        }
    }

    private static JsonObject AccountJson(LocalAccount a) => new() { ["user"] = a.UserName, ["role"] = a.Role };

    private static IResult UsersPage(HttpContext ctx, LocalAccountStore accounts, string? info, string? error)
    {
        var b = new StringBuilder();
        if (info is not null)
        {
            b.Append("<div class=\"notice info\" role=\"status\">").Append(Html.E(info)).Append("</div>");
        }

        if (error is not null)
        {
            b.Append("<div class=\"notice error\" role=\"alert\">").Append(Html.E(error)).Append("</div>");
        }

        b.Append("<div class=\"toolbar\"><a class=\"btn\" href=\"/admin/audit\">Audit log</a></div>");
        b.Append("<div class=\"card\"><h2>Accounts</h2><table class=\"data\" id=\"accounts\"><thead><tr><th>User</th><th>Role</th><th>Created (UTC)</th><th>Password</th><th></th></tr></thead><tbody>");
        string field = AntiforgeryHtml.Field(ctx);
        foreach (LocalAccount a in accounts.All)
        {
            b.Append("<tr><td>").Append(Html.E(a.UserName)).Append("</td><td><span class=\"badge ").Append(a.Role == DashboardRoles.Admin ? "warn" : "ok").Append("\">")
                .Append(Html.E(a.Role)).Append("</span></td><td>").Append(Html.E(a.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(a.MustChangePassword ? "<span class=\"badge warn\">one-time, not yet changed</span>" : "<span class=\"muted\">set</span>")
                .Append("</td><td>");
            if (string.Equals(a.UserName, DashboardUser.NameOf(ctx.User), StringComparison.OrdinalIgnoreCase))
            {
                b.Append("<span class=\"muted\">you</span>");
            }
            else
            {
                b.Append("<form class=\"inline\" method=\"post\" action=\"/admin/users/").Append(Html.A(Uri.EscapeDataString(a.UserName)))
                    .Append("/delete\" onsubmit=\"return confirm('Delete the account ").Append(Html.A(a.UserName)).Append("?')\">")
                    .Append(field).Append("<button class=\"btn\" type=\"submit\">Delete</button></form>");
            }

            b.Append("</td></tr>");
        }

        b.Append("</tbody></table></div>");
        b.Append("<div class=\"card\"><h2>New account</h2><form method=\"post\" action=\"/admin/users\" class=\"stack-form\">").Append(field)
            .Append("<label>User name<input name=\"username\" required pattern=\"[A-Za-z0-9._\\-]{2,64}\"></label>")
            .Append("<label>Role<select name=\"role\"><option value=\"operator\">operator</option><option value=\"admin\">admin</option></select></label>")
            .Append("<label>Initial password<input name=\"password\" type=\"password\" autocomplete=\"new-password\" required></label>")
            .Append("<button class=\"btn primary\" type=\"submit\">Create account</button></form>")
            .Append("<p class=\"muted\">Passwords are stored only as PBKDF2 hashes (ASP.NET Core Identity v3). Every change here is written to the audit log.</p></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Accounts",
            ActiveHref = "/admin/users",
            Body = b.ToString(),
            Styles = ["/assets/auth.css"],
            StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        });
    }

    private static IResult AuditPage(HttpContext ctx, AuditLog audit)
    {
        IReadOnlyList<AuditEntry> entries = audit.Recent(1000);
        string? broken = audit.Verify();
        var b = new StringBuilder();
        b.Append("<div class=\"toolbar\"><a class=\"btn\" href=\"/admin/users\">Accounts</a><a class=\"btn\" href=\"/api/v1/admin/audit\">JSON</a>")
            .Append(broken is null ? "<span class=\"chain-ok\">✔ hash chain intact</span>" : "<span class=\"chain-bad\">✖ " + Html.E(broken) + "</span>")
            .Append("</div>");
        b.Append("<div class=\"card\"><table class=\"data\" id=\"audit\"><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>What</th><th>Target</th><th>Changed</th><th>Before</th><th>After</th></tr></thead><tbody>");
        if (entries.Count == 0)
        {
            b.Append("<tr><td colspan=\"8\" class=\"empty\">No configuration change has been made yet.</td></tr>");
        }

        foreach (AuditEntry e in entries)
        {
            b.Append("<tr><td class=\"num\">").Append(e.Seq.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Html.E(e.Ts.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append("</td><td>")
                .Append(Html.E(e.User)).Append("</td><td><code>").Append(Html.E(e.Action)).Append("</code></td><td>").Append(Html.E(e.Target)).Append("</td><td class=\"changed\">")
                .Append(Html.E(ChangedKeys(e.Before, e.After))).Append("</td><td>")
                .Append(JsonCell(e.Before)).Append("</td><td>").Append(JsonCell(e.After)).Append("</td></tr>");
        }

        b.Append("</tbody></table></div>");
        return PageLayout.Render(ctx, new PageContent
        {
            Title = "Audit log",
            Subtitle = "Every configuration change: who, when, what, before and after. Append-only and hash-chained.",
            ActiveHref = "/admin/users",
            Body = b.ToString(),
            Styles = ["/assets/auth.css"],
        });
    }

    /// <summary>The top-level keys whose value differs: "lines, calibration"; "created" / "deleted" for whole objects.</summary>
    internal static string ChangedKeys(JsonNode? before, JsonNode? after)
    {
        if (before is null)
        {
            return after is null ? "" : "created";
        }

        if (after is null)
        {
            return "deleted";
        }

        if (before is not JsonObject b || after is not JsonObject a)
        {
            return JsonNode.DeepEquals(before, after) ? "nothing" : "value";
        }

        var keys = new List<string>();
        foreach (var (k, v) in a)
        {
            if (!b.TryGetPropertyValue(k, out JsonNode? old) || !JsonNode.DeepEquals(old, v))
            {
                keys.Add(k);
            }
        }

        foreach (var (k, _) in b)
        {
            if (!a.ContainsKey(k))
            {
                keys.Add(k + " (removed)");
            }
        }

        return keys.Count == 0 ? "nothing" : string.Join(", ", keys);
    }

    private static string JsonCell(JsonNode? node) =>
        node is null ? "<span class=\"muted\">—</span>" : "<pre class=\"audit-json\">" + Html.E(node.ToJsonString(DisplayJson)) + "</pre>";

    // Display only (the text is HTML-encoded after): no \u002B for '+' or \u0027 for quotes.
    private static readonly System.Text.Json.JsonSerializerOptions DisplayJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An account without its hash.</summary>
    internal sealed record AccountView(string User, string Role, DateTimeOffset Created, bool MustChangePassword);
}
