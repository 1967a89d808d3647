using SmartCity.Cloud.Server;

// The main-job host: embedded broker, ingest, time-series store, HTTP API and simulated edge devices in one process.
// Every option is in ServerCommand; with no arguments it runs the whole system on embedded defaults.
return await ServerCommand.InvokeAsync(args).ConfigureAwait(false);
