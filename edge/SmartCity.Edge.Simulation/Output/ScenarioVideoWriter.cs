using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Output;

/// <summary>
/// Writes a scenario to a video file by piping raw bgr24 frames into an ffmpeg subprocess, and its ground
/// truth to a CSV file beside it (same name, <c>.csv</c>).
/// </summary>
public sealed class ScenarioVideoWriter
{
    private const int StderrTailChars = 2000;

    /// <summary>Creates a writer.</summary>
    /// <param name="ffmpegPath">The ffmpeg executable (a name on PATH or a full path).</param>
    /// <param name="codec">Video encoder: "libx264" (default, H.264 in yuv420p) or "mpeg4".</param>
    public ScenarioVideoWriter(string ffmpegPath = "ffmpeg", string codec = "libx264")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ffmpegPath);
        if (codec is not ("libx264" or "mpeg4"))
        {
            throw new ArgumentException($"Unsupported codec '{codec}'; use libx264 or mpeg4.", nameof(codec));
        }

        FfmpegPath = ffmpegPath;
        Codec = codec;
    }

    /// <summary>The ffmpeg executable.</summary>
    public string FfmpegPath { get; }

    /// <summary>The video encoder.</summary>
    public string Codec { get; }

    /// <summary>
    /// Renders up to <paramref name="maxFrames"/> frames (all of a bounded scenario when null) into
    /// <paramref name="videoPath"/> and the ground truth into the CSV beside it. Returns the frames written.
    /// </summary>
    /// <exception cref="VideoEncodingException">ffmpeg is missing or failed; the message carries its error output.</exception>
    public async Task<long> WriteAsync(SyntheticTrafficScene scene, string videoPath, long? maxFrames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentException.ThrowIfNullOrWhiteSpace(videoPath);
        long total = maxFrames ?? scene.FrameCount
            ?? throw new ArgumentException("The scenario is unbounded; give the number of frames to write.", nameof(maxFrames));
        string csvPath = Path.ChangeExtension(videoPath, ".csv");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(videoPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var stderr = new StringBuilder();
        using Process process = Start(scene, videoPath, stderr);
        using var frame = Frame.Allocate(scene.Width, scene.Height, PixelFormat.Bgr24);
        long written = 0;
        await using (var csv = new StreamWriter(csvPath, append: false, new UTF8Encoding(false)))
        {
            await csv.WriteAsync(GroundTruthCsv.Header + "\n").ConfigureAwait(false);
            Stream stdin = process.StandardInput.BaseStream;
            try
            {
                while (written < total && scene.RenderNext(frame))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await stdin.WriteAsync(frame.PixelMemory, cancellationToken).ConfigureAwait(false);
                    GroundTruthCsv.WriteFrame(csv, frame.Sequence, frame.GroundTruth!);
                    written++;
                }

                await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
                stdin.Close();
            }
            catch (IOException ex)
            {
                // ffmpeg closed its input: it died, and its stderr says why.
                await WaitAsync(process).ConfigureAwait(false);
                throw new VideoEncodingException($"ffmpeg stopped reading frames after {written} of {total} (exit code {process.ExitCode}) writing '{videoPath}': {Tail(stderr)}", ex);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                throw;
            }
        }

        await WaitAsync(process).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new VideoEncodingException($"ffmpeg exited with code {process.ExitCode} writing '{videoPath}': {Tail(stderr)}");
        }

        return written;
    }

    private Process Start(SyntheticTrafficScene scene, string videoPath, StringBuilder stderr)
    {
        var info = new ProcessStartInfo(FfmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        string[] args =
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{scene.Width}x{scene.Height}",
            "-r", scene.NominalFps.ToString("0.###", CultureInfo.InvariantCulture), "-i", "-",
        ];
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        string[] encoder = Codec == "libx264"
            ? ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"]
            : ["-c:v", "mpeg4", "-q:v", "3", "-pix_fmt", "yuv420p"];
        foreach (string a in encoder)
        {
            info.ArgumentList.Add(a);
        }

        info.ArgumentList.Add(videoPath);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
                if (stderr.Length > 4 * StderrTailChars)
                {
                    stderr.Remove(0, stderr.Length - StderrTailChars);
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new VideoEncodingException($"Could not start ffmpeg ('{FfmpegPath}'): {ex.Message}. Install ffmpeg or give its path.", ex);
        }

        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new VideoEncodingException("ffmpeg did not finish within 60 s after its input was closed.");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Tail(StringBuilder stderr)
    {
        lock (stderr)
        {
            string text = stderr.ToString().Trim();
            return text.Length == 0 ? "(no error output)" : text.Length <= StderrTailChars ? text : text[^StderrTailChars..];
        }
    }
}
