using Microsoft.AspNetCore.Http;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>"Sign in" for visitors; the user, role and a sign-out button for signed-in users.</summary>
internal sealed class AuthHeaderItem : IDashboardHeaderItem
{
    public string RenderHtml(HttpContext context)
    {
        string? name = DashboardUser.NameOf(context.User);
        if (name is null)
        {
            string back = context.Request.Path.HasValue && context.Request.Path != "/login" ? context.Request.Path.Value! : "/";
            return $"<a class=\"btn signin\" href=\"/login?returnUrl={Html.U(back)}\">Sign in</a>";
        }

        string role = context.User.IsInRole(DashboardRoles.Admin) ? DashboardRoles.Admin : DashboardRoles.Operator;
        return "<form class=\"signout\" method=\"post\" action=\"/logout\">" + AntiforgeryHtml.Field(context)
            + $"<span class=\"user\" title=\"Signed in\">{Html.E(name)} <span class=\"badge muted\">{Html.E(role)}</span></span>"
            + "<button class=\"btn\" type=\"submit\">Sign out</button></form>";
    }
}
