using System.Text;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// Keeps the last lines a child process wrote to stderr, so a failure can say why ffmpeg died without
/// keeping its whole (possibly endless) log.
/// </summary>
public sealed class StderrTail
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly int _maxLines;

    /// <summary>Creates a tail that keeps at most <paramref name="maxLines"/> lines.</summary>
    public StderrTail(int maxLines = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        _maxLines = maxLines;
    }

    /// <summary>Adds one line (null and blank lines are ignored).</summary>
    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == _maxLines)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line.TrimEnd());
        }
    }

    /// <summary>The kept lines joined with " | ", or "(no stderr output)".</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            if (_lines.Count == 0)
            {
                return "(no stderr output)";
            }

            var text = new StringBuilder();
            foreach (string line in _lines)
            {
                if (text.Length > 0)
                {
                    text.Append(" | ");
                }

                text.Append(line);
            }

            return text.ToString();
        }
    }
}
