using System.Diagnostics;
using System.Globalization;

namespace SmartCity.Bench.Ingest.Measure;

/// <summary>CPU seconds (user + system) of a process by id, from <c>/proc/{pid}/stat</c>; works for processes we did not start.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the ")" closing the command name: state is field 3, utime 14, stime 15.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static double Self() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
