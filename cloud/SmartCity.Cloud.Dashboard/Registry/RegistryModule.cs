using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Live;

namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>The public AI registry: every model on the street with its card, where it runs since when, and what leaves the devices.</summary>
public sealed class RegistryModule : IDashboardModule
{
    /// <summary>What leaves a device, per message kind (the wire contract's topics).</summary>
    public static IReadOnlyList<string> DataLeavingDevices { get; } =
    [
        "traffic — per interval (default 1 min): counts per counting line, direction and road-user class; turning movements between approaches; zone occupancy and dwell; speeds and queue lengths.",
        "air — per interval and sensor: mean, minimum, maximum, standard deviation and number of samples of each quantity (PM2.5, PM10, CO₂, temperature, humidity …) with quality flags.",
        "health — frames per second, inference time, dropped frames, outbox depth, processor temperature.",
        "status — online or offline, agent and model version.",
        "events — only where switched on for a device: the time, line, direction and class of single crossings; no image, no identity.",
        "Never: camera frames, video, faces or licence plates. They are processed on the device and discarded.",
    ];

    /// <inheritdoc />
    public int Order => 210;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("AI registry", "/registry", 60)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Registry.Validate();
        services.AddSingleton(_ => new ModelCatalog(options.ModelsDirectory));
        services.AddSingleton<DeploymentTracker>();
        services.AddSingleton<IDashboardBatchObserver>(sp => sp.GetRequiredService<DeploymentTracker>());
        services.AddHostedService<RegistrySeedService>();
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/registry", (HttpContext ctx, ModelCatalog catalog, DeploymentTracker tracker, DashboardOptions options) =>
            RegistryPage.Render(ctx, Build(catalog, tracker, options), catalog.Problems)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/api/v1/registry", (ModelCatalog catalog, DeploymentTracker tracker, DashboardOptions options) => Results.Ok(Build(catalog, tracker, options)))
            .AllowAnonymous().WithTags("AI registry").WithName("GetAiRegistry").Produces<RegistryView>();
        endpoints.MapGet("/api/v1/registry/models/{name}", (string name, ModelCatalog catalog, DeploymentTracker tracker, DashboardOptions options) =>
                Build(catalog, tracker, options).Models.FirstOrDefault(m => m.Card.Name == name || m.Card.Folder == name) is { } model
                    ? Results.Ok(model)
                    : DashboardProblems.NotFound("Unknown model", $"The registry has no model named '{name}'.", "name"))
            .AllowAnonymous().WithTags("AI registry").WithName("GetAiRegistryModel").Produces<RegistryModelView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The registry now: cards joined with the devices that report running them.</summary>
    public static RegistryView Build(ModelCatalog catalog, DeploymentTracker tracker, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<ModelCard> cards = catalog.Models;
        IReadOnlyList<ModelDeployment> deployments = tracker.All;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var models = new List<RegistryModelView>(cards.Count);
        foreach (ModelCard card in cards)
        {
            var on = new List<RegistryDeploymentView>();
            foreach (ModelDeployment d in deployments)
            {
                if (ModelReference.Parse(d.ModelVersion) is { } r && r.Matches(card))
                {
                    on.Add(new RegistryDeploymentView(d, r.Sha256 is null ? null : true));
                    used.Add(d.Device);
                }
            }

            models.Add(new RegistryModelView(card, on));
        }

        // Deployed models first: the registry is about what runs on the street.
        models.Sort((a, b) => a.Deployments.Count != b.Deployments.Count ? b.Deployments.Count.CompareTo(a.Deployments.Count) : string.CompareOrdinal(a.Card.Name, b.Card.Name));
        return new RegistryView(
            options.Registry.Department,
            options.Registry.Contact,
            options.Registry.Retention,
            DataLeavingDevices,
            models,
            [.. deployments.Where(d => !used.Contains(d.Device))]);
    }
}
