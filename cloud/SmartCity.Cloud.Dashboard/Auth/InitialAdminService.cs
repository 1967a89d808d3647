using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>On the first start creates the admin account; a generated one-time password is printed once, never stored in clear.</summary>
internal sealed partial class InitialAdminService(LocalAccountStore accounts, DashboardOptions options, ILogger<InitialAdminService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        string? oneTime = accounts.EnsureInitialAdmin(options.Auth.InitialAdminUser, options.Auth.InitialAdminPassword);
        if (oneTime is not null)
        {
            // The console, not only the log: the person starting the service for the first time must see it.
            Console.WriteLine($"SmartCity dashboard: first start — admin account '{options.Auth.InitialAdminUser}' created with the one-time password {oneTime}");
            Console.WriteLine("  Sign in at /login and set a new password; it is not shown again (stored only as a PBKDF2 hash).");
            LogCreated(logger, options.Auth.InitialAdminUser, accounts.FilePath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Created the first admin account '{User}' with a one-time password (printed on the console) in {Path}")]
    private static partial void LogCreated(ILogger logger, string user, string path);
}
