namespace SmartCity.Cloud.Dashboard.Layout;

/// <summary>The top-bar entries of all features, in order.</summary>
public sealed class DashboardNavigation
{
    /// <summary>Creates the navigation from the modules' entries.</summary>
    public DashboardNavigation(IEnumerable<NavItem> items)
    {
        var list = new List<NavItem>(items);
        list.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        Items = list;
    }

    /// <summary>All entries, by <see cref="NavItem.Order"/>.</summary>
    public IReadOnlyList<NavItem> Items { get; }
}
