using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Registry;

/// <summary>At start-up, fills in devices the registry has not seen live yet from the store's latest status of each device.</summary>
internal sealed partial class RegistrySeedService(DeploymentTracker tracker, ITimeSeriesStore store, ILogger<RegistrySeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (DeviceStatus s in await store.GetLatestStatusAsync(cancellationToken).ConfigureAwait(false))
            {
                // The store keeps the status as "agent X; model Y" (PayloadFlattener).
                string? detail = s.Detail;
                int at = detail?.IndexOf("; model ", StringComparison.Ordinal) ?? -1;
                if (at >= 0)
                {
                    string agent = detail![..at].Replace("agent ", "", StringComparison.Ordinal);
                    tracker.Seed(s.Device, detail[(at + 8)..], s.Ts, agent);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSeedFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Could not read the devices' latest status from the store; the registry starts from live data only")]
    private static partial void LogSeedFailed(ILogger logger, Exception e);
}
