using System.Diagnostics;
using System.Text;
using Xunit;

namespace SmartCity.Arm64.Tests;

/// <summary>The arm64 tests share one publish (it takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class Arm64Collection : ICollectionFixture<Arm64PublishFixture>
{
    public const string Name = "arm64 publish";
}

/// <summary>
/// Runs the documented edge build once for the arm64 tests:
/// <c>dotnet publish edge/SmartCity.Edge.Agent -c Release -r linux-arm64 --self-contained</c>, into a temp folder with its
/// own <c>--artifacts-path</c> (so the repository's obj/ folders, restored for the host, are left alone). The linux-arm64
/// runtime packs come from NuGet on the first run. Takes 1.5–3 min on a 2-core machine.
/// </summary>
public sealed class Arm64PublishFixture : IDisposable
{
    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(12);
    private readonly Lazy<PublishResult> _result;

    public Arm64PublishFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "smartcity-arm64-" + Guid.NewGuid().ToString("N")[..8]);
        _result = new Lazy<PublishResult>(Publish, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Temp folder holding the publish output and its build artifacts.</summary>
    public string Root { get; }

    /// <summary>The repository root (the folder holding SmartCity.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The published output (publishes on first use; throws with the build log when it fails).</summary>
    public PublishResult Result => _result.Value;

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private PublishResult Publish()
    {
        string output = Path.Combine(Root, "out");
        string project = Path.Combine(RepositoryRoot, "edge", "SmartCity.Edge.Agent", "SmartCity.Edge.Agent.csproj");
        var clock = Stopwatch.StartNew();
        ProcessResult run = ProcessRunner.Run(
            DotnetHost(),
            ["publish", project, "-c", "Release", "-r", "linux-arm64", "--self-contained", "--artifacts-path", Path.Combine(Root, "artifacts"), "-o", output, "-nologo", "-v", "quiet"],
            RepositoryRoot,
            s_publishTimeout);
        clock.Stop();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish -r linux-arm64 failed with exit code {run.ExitCode} after {clock.Elapsed.TotalSeconds:F0} s:\n{run.Output}");
        }

        string binary = Path.Combine(output, "smartcity-edge");
        return !File.Exists(binary)
            ? throw new FileNotFoundException($"dotnet publish succeeded but wrote no {binary}:\n{run.Output}")
            : new PublishResult(output, binary, clock.Elapsed);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"SmartCity.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A finished linux-arm64 publish.</summary>
/// <param name="Folder">The publish folder.</param>
/// <param name="Binary">The apphost, <c>smartcity-edge</c>.</param>
/// <param name="Elapsed">How long the publish took.</param>
public sealed record PublishResult(string Folder, string Binary, TimeSpan Elapsed);

/// <summary>Exit code and merged stdout/stderr of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs a process to completion within a timeout, capturing its output.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(-1, $"{fileName} did not finish within {timeout.TotalSeconds:F0} s; killed.\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new ProcessResult(process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
