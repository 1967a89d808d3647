using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCity.Cloud.Enrollment;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>The cloud's enrollment endpoint on a real Kestrel on a loopback port, with its own data folder.</summary>
internal sealed class EnrollmentServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EnrollmentServer(WebApplication app, Uri address, string folder)
    {
        _app = app;
        Address = address;
        Folder = folder;
    }

    public Uri Address { get; }

    public string Folder { get; }

    public EnrollmentService Service => _app.Services.GetRequiredService<EnrollmentService>();

    public static async Task<EnrollmentServer> StartAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Enrollment:DataFolder"] = Path.Combine(folder, "cloud");
        builder.Configuration["Enrollment:BrokerHost"] = "broker.city.test";
        builder.Configuration["Enrollment:BrokerPort"] = "8884";
        builder.AddEnrollment();
        var app = builder.Build();
        app.MapEnrollment();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EnrollmentServer(app, new Uri(address), folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
