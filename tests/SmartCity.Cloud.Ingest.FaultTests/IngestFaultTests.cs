using System.Diagnostics;
using SmartCity.Bench.Ingest.Faults;
using SmartCity.TestServers;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Ingest.FaultTests;

/// <summary>
/// The fault runs against a real Mosquitto, shortened for CI by <c>SMARTCITY_FAULT_SCALE</c> (default <c>ci</c>:
/// 3 broker kills, 3 edge kills, a 20 s cut; <c>full</c>: 20, 10 and 10 minutes, as <c>bench faults</c> runs them).
/// Each asserts zero lost and zero duplicated in the DuckDB store, audited by seq from the store file.
/// </summary>
[Trait("Category", "Fault")]
public sealed class IngestFaultTests(ITestOutputHelper output)
{
    private static readonly FaultScale Scale = FaultScale.FromEnvironment();

    [MosquittoFact]
    public async Task Broker_kill_9_and_restart_cycles_under_load_lose_and_duplicate_nothing()
    {
        FaultRunResult result = await Scenarios().BrokerKillsAsync(Scale.BrokerKills);
        AssertClean(result, Scale.BrokerKills);
        Assert.True(result.Nodes.Sum(static n => n.Reconnects) >= Scale.BrokerKills, "the ingest must have reconnected after every kill");
    }

    [MosquittoFact]
    public async Task Edge_publisher_kill_9_cycles_lose_and_duplicate_nothing()
    {
        FaultRunResult result = await Scenarios().EdgeKillsAsync(Scale.EdgeKills);
        AssertClean(result, Scale.EdgeKills);
        Assert.DoesNotContain("missing from the outbox", result.Details, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Network_cut_between_edge_and_broker_loses_and_duplicates_nothing()
    {
        FaultRunResult result = await Scenarios().NetworkCutAsync(Scale.NetworkCut);
        AssertClean(result, 1);
        Assert.Contains("no byte crossed during the cut", result.Details, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Ingest_node_killed_while_a_second_carries_on_loses_and_duplicates_nothing()
    {
        FaultRunResult result = await Scenarios().IngestNodeKillAsync();
        AssertClean(result, 1);
        Assert.Equal(2, result.Nodes.Count);
        Assert.True(result.Nodes[0].Stored > 0 && result.Nodes[1].Stored > 0, "both nodes must have stored part of the stream");
    }

    private FaultScenarios Scenarios() => new(new TestOutputWriter(output), ChildProcess, Scale.Drain);

    private void AssertClean(FaultRunResult result, int faults)
    {
        output.WriteLine(result.ToString());
        Assert.Equal(faults, result.Faults);
        Assert.True(result.Audit.Expected > 0, "nothing was published");
        Assert.True(result.Audit.Clean, $"{result}\nbroker log (last lines):\n{result.BrokerLog}");
    }

    /// <summary>This test assembly as the edge publisher child (see <see cref="Program"/>).</summary>
    private static ProcessStartInfo ChildProcess(IReadOnlyList<string> args)
    {
        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host);
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }
}
