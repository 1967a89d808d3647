using Microsoft.Extensions.DependencyInjection;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>How a <see cref="DashboardTestHost"/> is set up.</summary>
public sealed class DashboardTestHostOptions
{
    /// <summary>Tweaks of the dashboard options before the dashboard is added (data folders, limits, auth settings).</summary>
    public Action<DashboardOptions>? Configure { get; init; }

    /// <summary>Extra services (replacements are registered after the dashboard's, so they win).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// The store to run on, made from the host's temp folder and the device→site map; null uses the embedded DuckDB store
    /// there. The host disposes it.
    /// </summary>
    public Func<string, IReadOnlyDictionary<string, string>, Task<Storage.ITimeSeriesStore>>? Store { get; init; }

    /// <summary>What to write to the store before the host starts: <c>null</c> seeds <see cref="SeedData.Generate"/> for the current time.</summary>
    public SeedData? Seed { get; init; }
}
