using System.Diagnostics;

namespace SmartCity.Cloud.Enrollment.Tests;

/// <summary>Debian's openssl as an independent check of what .NET produced (certificates, CRL).</summary>
internal static class OpenSsl
{
    /// <summary>Runs openssl; returns exit code and combined output. Fails the test when openssl is missing.</summary>
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("openssl is not installed (Debian package openssl); tools/test.sh installs it.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new TimeoutException("openssl did not finish in 30 s.");
            }

            return (process.ExitCode, stdout.Result + stderr);
        }
    }
}
