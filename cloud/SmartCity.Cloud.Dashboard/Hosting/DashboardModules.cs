using System.Reflection;

namespace SmartCity.Cloud.Dashboard.Hosting;

/// <summary>The features compiled into the dashboard, found once by reflection and sorted by <see cref="IDashboardModule.Order"/>.</summary>
internal sealed class DashboardModules
{
    private DashboardModules(IReadOnlyList<IDashboardModule> modules) => All = modules;

    /// <summary>The modules in order.</summary>
    public IReadOnlyList<IDashboardModule> All { get; }

    /// <summary>Instantiates every module of this assembly.</summary>
    public static DashboardModules Discover()
    {
        var modules = new List<IDashboardModule>();
        foreach (Type t in typeof(DashboardModules).Assembly.GetTypes())
        {
            if (t is { IsClass: true, IsAbstract: false } && typeof(IDashboardModule).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { } ctor)
            {
                modules.Add((IDashboardModule)ctor.Invoke(null));
            }
        }

        // Same order on every start: by Order, then by type name.
        modules.Sort(static (a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(a.GetType().FullName, b.GetType().FullName));
        return new DashboardModules(modules);
    }
}
