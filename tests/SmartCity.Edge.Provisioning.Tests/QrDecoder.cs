using System.Diagnostics;
using System.Text;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>
/// Reads a printed half-block QR code back: the text is turned into a bitmap (PBM) and decoded by Debian's zbarimg
/// (package zbar-tools), an independent decoder. Fails the test when zbarimg is missing.
/// </summary>
internal static class QrDecoder
{
    public static string Decode(string text, string folder)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int width = lines.Max(l => l.Length);
        int height = lines.Length * 2;
        var dark = new bool[height, width];
        for (int y = 0; y < lines.Length; y++)
        {
            for (int x = 0; x < lines[y].Length; x++)
            {
                char c = lines[y][x];
                dark[2 * y, x] = c is '█' or '▀';
                dark[2 * y + 1, x] = c is '█' or '▄';
            }
        }

        const int scale = 6;
        var pbm = new StringBuilder();
        pbm.Append("P1\n").Append(width * scale).Append(' ').Append(height * scale).Append('\n');
        for (int y = 0; y < height * scale; y++)
        {
            for (int x = 0; x < width * scale; x++)
            {
                // The code is printed light-on-dark for a dark terminal: a printed block is a light module.
                pbm.Append(dark[y / scale, x / scale] ? '0' : '1').Append(x + 1 < width * scale ? " " : "");
            }

            pbm.Append('\n');
        }

        string path = Path.Combine(folder, "qr.pbm");
        File.WriteAllText(path, pbm.ToString());
        var start = new ProcessStartInfo("zbarimg") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--raw");
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add(path);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("zbarimg is not installed (Debian package zbar-tools); tools/test.sh installs it.", ex);
        }

        using (process)
        {
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit(30_000);
            return process.ExitCode == 0 ? output.Trim() : $"(zbarimg exit {process.ExitCode}: {error.Trim()})";
        }
    }
}
