using System.CommandLine;
using Microsoft.Extensions.Logging.Console;
using SmartCity.Cloud.Storage.Influx;

namespace SmartCity.Cloud.Server;

/// <summary>The command line of <c>smartcity-server</c> (System.CommandLine).</summary>
internal static class ServerCommand
{
    /// <summary>How long Ctrl+C waits for the clean stop (devices drain their outboxes and go offline).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(45);

    public static RootCommand Create()
    {
        var devices = new Option<int>("--devices", "-n") { Description = "Simulated edge devices to run in-process (real vision pipelines on synthetic scenes, simulated sensors).", DefaultValueFactory = _ => 3 };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Data folder: DuckDB file, device outboxes, dead letters (default: ./data in a repository checkout, else ~/.local/share/smartcity)." };
        var port = new Option<int?>("--port") { Description = $"HTTP port of the dashboard/API on 127.0.0.1 (default {ServerOptions.DefaultHttpPort}, moved to a free port if busy; a busy port given here is an error; 0 = any)." };
        var brokerPort = new Option<int?>("--broker-port") { Description = $"Port of the embedded MQTT broker on 127.0.0.1 (default {ServerOptions.DefaultBrokerPort}, moved to a free port if busy; a busy port given here is an error; 0 = any)." };
        var duration = new Option<double?>("--duration") { Description = "Stop cleanly after this many seconds (tests, CI). Default: run until Ctrl+C." };
        var interval = new Option<int>("--interval") { Description = "Length of the devices' traffic and air intervals and their health period, seconds (default 60; e.g. 10 for a quick look).", DefaultValueFactory = _ => 60 };
        var influx = new Option<string?>("--influx") { Description = "Store in InfluxDB at this URL (e.g. http://127.0.0.1:8086) instead of the embedded DuckDB file; reads are InfluxQL on /query (1.x, 2.x, 3.x)." };
        var influxDb = new Option<string>("--influx-db") { Description = "InfluxDB database (default smartcity).", DefaultValueFactory = _ => "smartcity" };
        var influxWrite = new Option<InfluxWriteApi>("--influx-write") { Description = "With --influx: write endpoint. v1 = /write (every InfluxDB 1.x); v2 = /api/v2/write through InfluxDB.Client (InfluxDB 1.8+, 2.x, 3.x). Default v1.", DefaultValueFactory = _ => InfluxWriteApi.V1 };
        var influxOrg = new Option<string?>("--influx-org") { Description = "With --influx-write v2: organization (default \"-\", ignored by InfluxDB 1.8 and 3.x; 2.x needs its organization)." };
        var influxBucket = new Option<string?>("--influx-bucket") { Description = "With --influx-write v2: bucket (default: the --influx-db database, which InfluxDB 1.8 maps to that database's default retention policy; \"db/rp\" names a policy)." };
        var influxToken = new Option<string?>("--influx-token") { Description = "With --influx: API token for v2 writes, and for reads when no --influx-username is given; \"user:password\" on InfluxDB 1.8 (or set SMARTCITY_INFLUX_TOKEN)." };
        var influxUser = new Option<string?>("--influx-username") { Description = "With --influx: user for basic authentication on /query and v1 /write; v2 writes send user:password as the token when no --influx-token is given." };
        var influxNoCreate = new Option<bool>("--influx-no-create") { Description = "With --influx: do not send CREATE DATABASE at start. InfluxDB 2.x and 3.x refuse it on /query: create the bucket beforehand (on 2.x also the DBRP mapping InfluxQL reads need)." };
        var influxPassword = new Option<string?>("--influx-password") { Description = "With --influx-username: its password (or set SMARTCITY_INFLUX_PASSWORD)." };
        var external = new Option<string?>("--external-broker") { Description = "Use this MQTT broker (host:port, e.g. 127.0.0.1:1883 for Mosquitto) instead of the embedded one." };
        var brokerUser = new Option<string?>("--broker-username") { Description = "With --external-broker: MQTT user name of the cloud services (ingest, commands)." };
        var brokerPassword = new Option<string?>("--broker-password") { Description = "With --external-broker: MQTT password (or set SMARTCITY_BROKER_PASSWORD)." };
        var brokerTls = new Option<bool>("--broker-tls") { Description = "With --external-broker: connect over TLS (e.g. port 8883)." };
        var brokerCa = new Option<FileInfo?>("--broker-ca") { Description = "With --broker-tls: CA certificate (PEM) the broker's certificate must chain to (default: the system's trust store)." };
        var brokerCert = new Option<FileInfo?>("--broker-cert") { Description = "With --broker-tls: client certificate (PEM) of the cloud services." };
        var brokerKey = new Option<FileInfo?>("--broker-key") { Description = "With --broker-cert: its private key (PEM)." };
        var listen = new Option<string>("--listen") { Description = "Address the dashboard/API/enrollment and the broker's TLS endpoint bind to (default 127.0.0.1; 0.0.0.0 in a container or to let devices on the network in).", DefaultValueFactory = _ => "127.0.0.1" };
        var publicHost = new Option<string?>("--public-host") { Description = "Host name or address devices use to reach this server (handed out at enrollment, used in bundle URLs; default: the --listen address, or this machine's name with 0.0.0.0)." };
        var brokerTlsPort = new Option<int?>("--broker-tls-port") { Description = $"Port of the embedded broker's mutual-TLS endpoint for enrolled devices (default {ServerOptions.DefaultBrokerTlsPort}, moved to a free port if busy; 0 = any)." };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Password of the dashboard's first admin account 'admin' (at least 12 characters; or set SMARTCITY_ADMIN_PASSWORD). Without it a one-time password is printed at the first start." };
        var reportEvery = new Option<double>("--report-every") { Description = "Seconds between the one-line summaries (default 10).", DefaultValueFactory = _ => 10 };
        var fast = new Option<bool>("--fast") { Description = "Do not pace the synthetic cameras at 10 frames/s; process frames as fast as the CPU allows." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log at Information level (default: warnings and errors only)." };

        var root = new RootCommand(
            "SmartCity server: embedded MQTT broker, ingest, time-series store (DuckDB or InfluxDB), HTTP API, and simulated edge devices, " +
            "all in one process. With no options it runs the whole system on embedded defaults; Ctrl+C stops it cleanly.")
        {
            devices, data, port, brokerPort, duration, interval, influx, influxDb, influxWrite, influxOrg, influxBucket, influxToken, influxUser, influxPassword,
            influxNoCreate, external, reportEvery, fast, verbose,
            brokerUser, brokerPassword, brokerTls, brokerCa, brokerCert, brokerKey, listen, publicHost, brokerTlsPort, adminPassword,
        };
        root.Subcommands.Add(ToolCommands.CreateToken(data));
        root.Subcommands.Add(ToolCommands.CreatePush(data));
        root.Subcommands.Add(ToolCommands.CreateRollback(data));
        root.Subcommands.Add(ToolCommands.CreateSnapshot(data));
        root.SetAction(async (parse, ct) =>
        {
            var options = new ServerOptions
            {
                Devices = parse.GetValue(devices),
                DataFolder = parse.GetValue(data)?.FullName,
                Duration = parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null,
                Interval = TimeSpan.FromSeconds(parse.GetValue(interval)),
                InfluxDatabase = parse.GetValue(influxDb) ?? "smartcity",
                InfluxWriteApi = parse.GetValue(influxWrite),
                InfluxOrg = parse.GetValue(influxOrg),
                InfluxBucket = parse.GetValue(influxBucket),
                InfluxToken = parse.GetValue(influxToken),
                InfluxUsername = parse.GetValue(influxUser),
                InfluxPassword = parse.GetValue(influxPassword),
                InfluxCreateDatabase = !parse.GetValue(influxNoCreate),
                ReportEvery = TimeSpan.FromSeconds(parse.GetValue(reportEvery)),
                Fast = parse.GetValue(fast),
                AdminPassword = parse.GetValue(adminPassword) ?? NullIfEmpty(Environment.GetEnvironmentVariable("SMARTCITY_ADMIN_PASSWORD")),
                PublicHost = parse.GetValue(publicHost),
                ExternalBrokerUsername = parse.GetValue(brokerUser),
                ExternalBrokerPassword = parse.GetValue(brokerPassword) ?? NullIfEmpty(Environment.GetEnvironmentVariable("SMARTCITY_BROKER_PASSWORD")),
                ExternalBrokerTls = parse.GetValue(brokerTls),
                ExternalBrokerCa = parse.GetValue(brokerCa)?.FullName,
                ExternalBrokerCertificate = parse.GetValue(brokerCert)?.FullName,
                ExternalBrokerKey = parse.GetValue(brokerKey)?.FullName,
            };
            if (!System.Net.IPAddress.TryParse(parse.GetValue(listen), out var listenAddress))
            {
                await Console.Error.WriteLineAsync($"error: --listen '{parse.GetValue(listen)}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0).").ConfigureAwait(false);
                return 2;
            }

            options.Listen = listenAddress;
            if (parse.GetValue(brokerTlsPort) is { } tp)
            {
                (options.BrokerTlsPort, options.BrokerTlsPortExplicit) = (tp, true);
            }

            if (options.ExternalBrokerPassword is not null && options.ExternalBrokerHost is null && parse.GetValue(external) is null && parse.GetValue(brokerPassword) is null)
            {
                options.ExternalBrokerPassword = null; // only the environment variable: no external broker, ignore it
            }
            if (parse.GetValue(port) is { } p)
            {
                (options.HttpPort, options.HttpPortExplicit) = (p, true);
            }

            if (parse.GetValue(brokerPort) is { } bp)
            {
                (options.BrokerPort, options.BrokerPortExplicit) = (bp, true);
            }

            if (parse.GetValue(influx) is { } influxText)
            {
                if (!Uri.TryCreate(influxText, UriKind.Absolute, out var influxUrl))
                {
                    await Console.Error.WriteLineAsync($"error: --influx '{influxText}' is not a URL (e.g. http://127.0.0.1:8086).").ConfigureAwait(false);
                    return 2;
                }

                options.InfluxUrl = influxUrl;
                // Secrets from the environment count only with --influx (the password only with a user), so a stray variable cannot fail a run.
                options.InfluxToken = parse.GetValue(influxToken) ?? NullIfEmpty(Environment.GetEnvironmentVariable("SMARTCITY_INFLUX_TOKEN"));
                options.InfluxPassword = parse.GetValue(influxPassword)
                    ?? (options.InfluxUsername is null ? null : NullIfEmpty(Environment.GetEnvironmentVariable("SMARTCITY_INFLUX_PASSWORD")));
            }

            if (parse.GetValue(external) is { } ext)
            {
                if (!ServerOptions.TryParseHostPort(ext, out string host, out int extPort))
                {
                    await Console.Error.WriteLineAsync($"error: --external-broker '{ext}' is not host:port.").ConfigureAwait(false);
                    return 2;
                }

                (options.ExternalBrokerHost, options.ExternalBrokerPort) = (host, extPort);
            }

            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return 2;
            }

            using var loggers = LoggerFactory.Create(b => b
                .SetMinimumLevel(parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning)
                // The simulated sensor links inject line noise on purpose; their recoveries are news only with --verbose.
                .AddFilter("SmartCity.Edge.Sensors", parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Error)
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.ColorBehavior = LoggerColorBehavior.Disabled; }));
            await using var server = new SmartCityServer(options, Console.Out, loggers);
            return await server.RunAsync(ct).ConfigureAwait(false);
        });
        return root;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Parses and runs with a Ctrl+C grace long enough for the devices to go offline cleanly.</summary>
    public static Task<int> InvokeAsync(string[] args) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = StopGrace });
}
