using System.CommandLine;
using SmartCity.Bench.Ingest.Faults;

namespace SmartCity.Bench.Ingest.Commands;

/// <summary><c>edge-publisher</c> (hidden): the child process of the edge kill -9 runs (<see cref="EdgePublisherChild"/>).</summary>
internal static class EdgePublisherCommand
{
    public static Command Create()
    {
        var rest = new Argument<string[]>("ARGS") { Arity = ArgumentArity.ZeroOrMore, Description = "PORT FOLDER RATE TARGET DEVICE[,DEVICE…]" };
        var command = new Command(EdgePublisherChild.Mode, "Internal: the edge publisher child of 'faults'.") { rest };
        command.Hidden = true;
        command.SetAction(async (parse, _) => await EdgePublisherChild.RunAsync(parse.GetValue(rest) ?? []).ConfigureAwait(false));
        return command;
    }
}
