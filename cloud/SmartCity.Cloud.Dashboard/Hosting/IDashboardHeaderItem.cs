using Microsoft.AspNetCore.Http;

namespace SmartCity.Cloud.Dashboard.Hosting;

/// <summary>Something shown at the right of the top bar (sign-in state, live indicator). Register as a singleton.</summary>
public interface IDashboardHeaderItem
{
    /// <summary>Already-encoded HTML for the current request.</summary>
    string RenderHtml(HttpContext context);
}
