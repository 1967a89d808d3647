using SmartCity.Bench.Ingest.Faults;

namespace SmartCity.Cloud.Ingest.FaultTests;

/// <summary>Entry point of the test assembly when it runs as the edge publisher child of the edge kill test.</summary>
public static class Program
{
    /// <summary>Under <c>dotnet test</c> this is never called; as a child it publishes until killed.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == EdgePublisherChild.Mode)
        {
            return await EdgePublisherChild.RunAsync(args[1..]);
        }

        await Console.Error.WriteLineAsync($"usage: {EdgePublisherChild.Mode} PORT FOLDER RATE TARGET DEVICE[,DEVICE…]");
        return 2;
    }
}
