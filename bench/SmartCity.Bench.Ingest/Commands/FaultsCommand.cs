using System.CommandLine;
using System.Diagnostics;
using SmartCity.Bench.Ingest.Faults;

namespace SmartCity.Bench.Ingest.Commands;

/// <summary>
/// <c>faults</c>: the fault-injection runs at full length (20 broker kills, 10 edge kills, a 10-minute cut, an ingest
/// node kill) or at the scale of <c>--scale</c>; each ends with the store's seq audit. Exit code 1 when any run lost or
/// duplicated a message.
/// </summary>
internal static class FaultsCommand
{
    public static Command Create()
    {
        var scale = new Option<string>("--scale") { DefaultValueFactory = _ => "full", Description = "full (the issue's figures), ci, or a factor in (0, 1] of full." };
        var only = new Option<string[]>("--only")
        {
            Description = "Runs to do, space- or comma-separated: broker, edge, cut, ingest (default: all).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("faults", "Fault injection with a real Mosquitto: broker kill -9 cycles, edge publisher kill -9 cycles, network cut, ingest node kill; zero lost / zero duplicated audit by seq.")
        {
            scale, only,
        };
        command.SetAction(async (parse, ct) =>
        {
            FaultScale s;
            try
            {
                s = FaultScale.Parse(parse.GetRequiredValue(scale));
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return 2;
            }

            string[] known = ["broker", "edge", "cut", "ingest"];
            // "--only broker edge", "--only broker --only edge" and "--only broker,edge" all mean the same.
            string[] runs = parse.GetValue(only) is { Length: > 0 } o
                ? [.. o.SelectMany(static v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
                : known;
            if (runs.FirstOrDefault(r => !known.Contains(r)) is { } unknown)
            {
                // Checked before anything starts: a typo must not surface after an hour of fault runs.
                await Console.Error.WriteLineAsync($"error: --only: unknown run '{unknown}' (expected {string.Join(", ", known)})").ConfigureAwait(false);
                return 2;
            }

            var scenarios = new FaultScenarios(Console.Out, SelfChild, s.Drain);
            var results = new List<FaultRunResult>();
            foreach (string run in runs)
            {
                Console.WriteLine($"== {run} ==");
                results.Add(run switch
                {
                    "broker" => await scenarios.BrokerKillsAsync(s.BrokerKills, ct).ConfigureAwait(false),
                    "edge" => await scenarios.EdgeKillsAsync(s.EdgeKills, ct).ConfigureAwait(false),
                    "cut" => await scenarios.NetworkCutAsync(s.NetworkCut, ct).ConfigureAwait(false),
                    "ingest" => await scenarios.IngestNodeKillAsync(ct).ConfigureAwait(false),
                    _ => throw new ArgumentException($"--only: unknown run '{run}' (broker, edge, cut, ingest)"),
                });
                Console.WriteLine(results[^1]);
            }

            Console.WriteLine();
            Console.WriteLine("== summary ==");
            foreach (FaultRunResult r in results)
            {
                Console.WriteLine($"{(r.Audit.Clean ? "CLEAN " : "FAILED")}  {r}");
            }

            return results.All(static r => r.Audit.Clean) ? 0 : 1;
        });
        return command;
    }

    /// <summary>This executable as the edge publisher child.</summary>
    private static ProcessStartInfo SelfChild(IReadOnlyList<string> args)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(FaultsCommand).Assembly.Location);
        }

        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }
}
