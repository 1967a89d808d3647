using Xunit;

namespace SmartCity.Edge.Agent.Tests;

/// <summary>CLI tests swap the process-wide console: they must not run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "CLI";
}
