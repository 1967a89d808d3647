using System.Text;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Ingest.FaultTests;

/// <summary>A <see cref="TextWriter"/> onto the test output, line by line (the fault runs log their progress).</summary>
internal sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                Flush();
                return;
            }

            _line.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_line)
        {
            _line.Append(value);
            Flush();
        }
    }

    public override void Flush()
    {
        lock (_line)
        {
            if (_line.Length == 0)
            {
                return;
            }

            try
            {
                output.WriteLine(_line.ToString().TrimEnd('\r'));
            }
            catch (InvalidOperationException)
            {
                // The test finished; a late line from a background loop has nowhere to go.
            }

            _line.Clear();
        }
    }
}
