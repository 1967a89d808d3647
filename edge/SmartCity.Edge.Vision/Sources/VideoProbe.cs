using System.Diagnostics;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>Asks ffprobe for the size and frame rate of a video file or stream, once, when a source opens.</summary>
public static class VideoProbe
{
    /// <summary>The ffprobe executable for the options: <see cref="FrameSourceOptions.FfprobePath"/> or the one beside ffmpeg.</summary>
    public static string FfprobePath(FrameSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.FfprobePath))
        {
            return options.FfprobePath;
        }

        string? folder = Path.GetDirectoryName(options.FfmpegPath);
        return string.IsNullOrEmpty(folder) ? "ffprobe" : Path.Combine(folder, "ffprobe");
    }

    /// <summary>
    /// Runs ffprobe and parses its answer. Throws <see cref="FrameSourceException"/> naming the input and ffprobe's
    /// error when it fails, times out or reports no video stream.
    /// </summary>
    public static async Task<(int Width, int Height, double Fps)> ProbeAsync(
        FrameSourceOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string input = options.IsNetworkStream ? options.Url! : options.Path!;
        var info = new ProcessStartInfo(FfprobePath(options))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in FfmpegCommand.Probe(options))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new FrameSourceException($"Cannot start '{info.FileName}' to probe '{input}': {ex.Message}", ex);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timer.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timer.Token);
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
            string output = await stdout.ConfigureAwait(false);
            string errors = (await stderr.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw new FrameSourceException($"ffprobe failed on '{input}' (exit code {process.ExitCode}): {errors}");
            }

            if (!FfmpegCommand.TryParseProbe(output, out int width, out int height, out double fps, out string? error))
            {
                throw new FrameSourceException($"'{input}': {error}. {errors}".TrimEnd());
            }

            return (width, height, fps);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new FrameSourceException($"ffprobe did not answer within {timeout.TotalSeconds:0} s for '{input}'.");
        }
    }
}
