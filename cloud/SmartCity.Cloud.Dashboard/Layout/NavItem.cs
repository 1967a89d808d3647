namespace SmartCity.Cloud.Dashboard.Layout;

/// <summary>One entry of the top bar.</summary>
/// <param name="Title">Text of the link.</param>
/// <param name="Href">Where it goes (also what <see cref="PageContent.ActiveHref"/> is compared with).</param>
/// <param name="Order">Position from the left.</param>
/// <param name="RequiredRole">Shown only to users in this role; null for everyone.</param>
public sealed record NavItem(string Title, string Href, int Order, string? RequiredRole = null);
