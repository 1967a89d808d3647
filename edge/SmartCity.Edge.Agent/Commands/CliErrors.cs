namespace SmartCity.Edge.Agent.Commands;

/// <summary>Exit codes and error printing shared by the verbs.</summary>
internal static class CliErrors
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found a failure (a check failed, a target was missed).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: configuration, arguments, model folder. Nothing was done.</summary>
    public const int BadInput = 2;

    /// <summary>Prints "error: message" to standard error and returns <see cref="BadInput"/>.</summary>
    public static int Report(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return BadInput;
    }
}
