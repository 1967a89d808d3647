using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>Seeds when each device was last heard of from the store, then evaluates offline rules on a clock.</summary>
internal sealed partial class OfflineAlertService(
    AlertEngine engine, ITimeSeriesStore store, DashboardOptions options, TimeProvider clock, ILogger<OfflineAlertService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (DeviceStatus s in await store.GetLatestStatusAsync(stoppingToken).ConfigureAwait(false))
            {
                engine.SeedLastSeen(s.Device, s.Ts, string.Equals(s.State, "offline", StringComparison.OrdinalIgnoreCase));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSeedFailed(logger, e);
        }

        using var timer = new PeriodicTimer(options.Alerts.OfflineCheckInterval, clock);
        try
        {
            do
            {
                engine.CheckOffline(clock.GetUtcNow());
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Could not read the devices' last status from the store; offline alerts start from live data only")]
    private static partial void LogSeedFailed(ILogger logger, Exception e);
}
