using System.CommandLine;
using SmartCity.Bench.Ingest.Commands;

// Ingest benchmarks: 'ingest' is the load generator, 'faults' the full-length fault-injection runs; 'devices' and
// 'edge-publisher' are the child processes they start.
var root = new RootCommand("SmartCity ingest benchmarks: load generator and fault-injection runs against a real Mosquitto.")
{
    IngestCommand.Create(),
    FaultsCommand.Create(),
    ProfileCommand.Create(),
    EdgePublisherCommand.Create(),
    DevicesCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
