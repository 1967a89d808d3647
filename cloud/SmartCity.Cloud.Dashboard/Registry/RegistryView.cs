namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>The public AI registry as the API returns it.</summary>
/// <param name="Department">Responsible department.</param>
/// <param name="Contact">How to reach it.</param>
/// <param name="Retention">How long data is kept.</param>
/// <param name="DataLeavingDevices">What leaves a device (summaries only), one line per message kind.</param>
/// <param name="Models">Every model with the devices running it.</param>
/// <param name="UnregisteredDeployments">Devices running a model that has no card in the registry.</param>
public sealed record RegistryView(
    string Department,
    string Contact,
    string Retention,
    IReadOnlyList<string> DataLeavingDevices,
    IReadOnlyList<RegistryModelView> Models,
    IReadOnlyList<ModelDeployment> UnregisteredDeployments);

/// <summary>One model of the registry.</summary>
/// <param name="Card">Its model card.</param>
/// <param name="Deployments">Devices running it now.</param>
public sealed record RegistryModelView(ModelCard Card, IReadOnlyList<RegistryDeploymentView> Deployments);

/// <summary>One device running a model.</summary>
/// <param name="Deployment">Device, site, since, last seen.</param>
/// <param name="HashVerified">True when the device reported the same sha256 as the card; null when it reported none.</param>
public sealed record RegistryDeploymentView(ModelDeployment Deployment, bool? HashVerified);
