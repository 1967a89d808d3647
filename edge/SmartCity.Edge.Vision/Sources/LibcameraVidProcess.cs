using System.IO.Pipelines;
using Iot.Device.Camera.Settings;
using Iot.Device.Common;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>
/// libcamera-vid / rpicam-vid streaming MJPEG to stdout, started through Iot.Device.Camera's
/// <see cref="ProcessRunner"/> and <see cref="CommandOptionsBuilder"/>. The runner copies stdout into a pipe that
/// <see cref="Output"/> reads. The binding does not expose stderr or the exit code: an exit reads as code 1 when
/// the copy failed and 0 otherwise (either way a live camera that stops is a failure to the caller).
/// </summary>
public sealed class LibcameraVidProcess : IRawVideoProcess
{
    private readonly ProcessRunner _runner;
    private readonly Pipe _pipe;
    private readonly Task<int> _exited;

    private LibcameraVidProcess(ProcessRunner runner, Pipe pipe, Task<Task> started)
    {
        _runner = runner;
        _pipe = pipe;
        Output = pipe.Reader.AsStream();
        _exited = CompleteWhenDoneAsync(started);
    }

    /// <inheritdoc />
    public Stream Output { get; }

    /// <inheritdoc />
    public StderrTail ErrorTail { get; } = new();

    /// <summary>The command line arguments for the options (MJPEG to stdout, endless, size, rate, camera).</summary>
    public static string[] Arguments(FrameSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (int width, int height) = options.CameraSizeOrDefault;
        CommandOptionsBuilder builder = new CommandOptionsBuilder(includeOutputToStdio: true)
            .WithContinuousStreaming(0)
            .WithMJPEGVideoOptions(options.MjpegQuality)
            .WithResolution(width, height);
        if (options.Fps > 0)
        {
            builder.WithVideoFramerate((int)Math.Round(options.Fps));
        }

        if (int.TryParse(options.Device, out int camera))
        {
            builder.WithCamera(camera);
        }

        return builder.GetArguments();
    }

    /// <summary>Starts the camera app for <paramref name="options"/>.</summary>
    public static LibcameraVidProcess Start(FrameSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProcessSettings settings = ProcessSettingsFactory.CreateForLibcameravid();
        if (!string.IsNullOrWhiteSpace(options.LibcameraApp))
        {
            settings.Filename = options.LibcameraApp;
        }

        var runner = new ProcessRunner(settings);
        var pipe = new Pipe();
        Task<Task> started = runner.ContinuousRunAsync(Arguments(options), pipe.Writer.AsStream(leaveOpen: true));
        return new LibcameraVidProcess(runner, pipe, started);
    }

    /// <inheritdoc />
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => _exited.WaitAsync(cancellationToken);

    /// <summary>Kills the camera app and waits briefly for the copy to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _runner.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _runner.Dispose();
        await Task.WhenAny(_exited, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
    }

    private async Task<int> CompleteWhenDoneAsync(Task<Task> started)
    {
        try
        {
            Task copying = await started.ConfigureAwait(false);
            await copying.ConfigureAwait(false);
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            ErrorTail.Add(ex.Message);
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
            return 1;
        }
    }
}
