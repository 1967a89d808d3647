using System.Diagnostics;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>An operating-system child process (ffmpeg) whose stdout carries raw frames.</summary>
public sealed class RawVideoProcess : IRawVideoProcess
{
    private readonly Process _process;

    private RawVideoProcess(Process process, StderrTail tail)
    {
        _process = process;
        ErrorTail = tail;
    }

    /// <inheritdoc />
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <inheritdoc />
    public StderrTail ErrorTail { get; }

    /// <summary>The operating-system process id (for diagnostics and fault-injection tests).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (passed as an argument list, never
    /// through a shell). Throws <see cref="FrameSourceException"/> when the program cannot be started.
    /// </summary>
    public static RawVideoProcess Start(string fileName, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var tail = new StderrTail();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new FrameSourceException($"Cannot start '{fileName}': {ex.Message}", ex);
        }

        process.BeginErrorReadLine();
        return new RawVideoProcess(process, tail);
    }

    /// <inheritdoc />
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the process (and its children) if it still runs, then releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone: nothing to kill.
        }
        catch (OperationCanceledException)
        {
            // It did not die within the timeout; the OS reaps it once it does.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
