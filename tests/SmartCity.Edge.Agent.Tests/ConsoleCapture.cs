namespace SmartCity.Edge.Agent.Tests;

/// <summary>Redirects Console.Out and Console.Error for the duration of a CLI test (tests using it run serially).</summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    private readonly StringWriter _capturedOut = new();
    private readonly StringWriter _capturedError = new();

    public ConsoleCapture()
    {
        Console.SetOut(_capturedOut);
        Console.SetError(_capturedError);
    }

    public string Out => _capturedOut.ToString();

    public string Error => _capturedError.ToString();

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }
}
