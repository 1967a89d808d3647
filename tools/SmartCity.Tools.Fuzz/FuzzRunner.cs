using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartCity.Tools.Fuzz;

/// <summary>Result of one target's run.</summary>
/// <param name="Target">Target name.</param>
/// <param name="Inputs">Inputs run.</param>
/// <param name="Accepted">Inputs the parser accepted.</param>
/// <param name="Refused">Inputs the parser refused with a documented result.</param>
/// <param name="Crashes">Inputs that made the parser throw (or break its contract).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="RefusalReasons">Refusals per reason (numbers and quoted values folded), most frequent first.</param>
/// <param name="CrashFiles">Files the crashing inputs were written to.</param>
/// <param name="CrashMessages">The first exception message of each distinct crash.</param>
public sealed record FuzzReport(
    string Target,
    long Inputs,
    long Accepted,
    long Refused,
    long Crashes,
    TimeSpan Elapsed,
    IReadOnlyList<KeyValuePair<string, long>> RefusalReasons,
    IReadOnlyList<string> CrashFiles,
    IReadOnlyList<string> CrashMessages)
{
    /// <summary>Inputs per second.</summary>
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>Runs one target over mutated and random inputs, counts outcomes and saves crashing inputs.</summary>
public static partial class FuzzRunner
{
    private const int MaxReasons = 400;
    private const int MaxSavedCrashes = 50;

    /// <summary>Runs <paramref name="inputs"/> inputs against <paramref name="target"/> with <paramref name="seed"/>.</summary>
    /// <param name="target">The parser.</param>
    /// <param name="inputs">How many inputs.</param>
    /// <param name="seed">Random seed; the same seed gives the same inputs.</param>
    /// <param name="crashDirectory">Folder for crashing inputs (created on the first crash); null to keep none.</param>
    /// <param name="progress">Receives a line every <paramref name="progressEvery"/>; null for none.</param>
    /// <param name="progressEvery">Interval of the progress lines.</param>
    public static FuzzReport Run(IFuzzTarget target, long inputs, int seed, string? crashDirectory, TextWriter? progress, TimeSpan progressEvery)
    {
        ArgumentNullException.ThrowIfNull(target);
        var rng = new Random(seed);
        var mutator = new Mutator(rng, target.Seeds, target.IsText);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        var crashFiles = new List<string>();
        var crashMessages = new List<string>();
        var crashKinds = new HashSet<string>(StringComparer.Ordinal);
        long accepted = 0, refused = 0, crashes = 0;
        var clock = Stopwatch.StartNew();
        TimeSpan nextProgress = progressEvery;
        for (long i = 0; i < inputs; i++)
        {
            byte[] input = mutator.Next();
            int seedIndex = mutator.LastSeedIndex;
            int random = rng.Next();
            string? refusal;
            try
            {
                refusal = target.Run(input, seedIndex, random);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                crashes++;
                string kind = $"{ex.GetType().FullName} at {FirstFrame(ex)}";
                if (crashKinds.Add(kind))
                {
                    crashMessages.Add($"{kind}: {ex.Message}");
                }

                if (crashDirectory is not null && crashFiles.Count < MaxSavedCrashes)
                {
                    Directory.CreateDirectory(crashDirectory);
                    string file = Path.Combine(crashDirectory, $"{target.Name}-seed{seed}-input{i}.bin");
                    File.WriteAllBytes(file, input);
                    File.WriteAllText(Path.ChangeExtension(file, ".txt"), $"seedIndex={seedIndex} random={random}\n{ex}\n");
                    crashFiles.Add(file);
                }

                continue;
            }

            if (refusal is null)
            {
                accepted++;
            }
            else
            {
                refused++;
                string key = Fold(refusal);
                if (reasons.TryGetValue(key, out long n))
                {
                    reasons[key] = n + 1;
                }
                else if (reasons.Count < MaxReasons)
                {
                    reasons[key] = 1;
                }
                else
                {
                    reasons["(other reasons)"] = reasons.GetValueOrDefault("(other reasons)") + 1;
                }
            }

            if (progress is not null && clock.Elapsed >= nextProgress)
            {
                nextProgress = clock.Elapsed + progressEvery;
                double rate = (i + 1) / clock.Elapsed.TotalSeconds;
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{target.Name}: {i + 1:N0}/{inputs:N0} inputs ({100.0 * (i + 1) / inputs:F1} %), {rate:N0} inputs/s, {accepted:N0} accepted, {refused:N0} refused, {crashes:N0} crashes"));
            }
        }

        clock.Stop();
        var sorted = reasons.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        return new FuzzReport(target.Name, inputs, accepted, refused, crashes, clock.Elapsed, sorted, crashFiles, crashMessages);
    }

    /// <summary>Writes the summary of <paramref name="report"/>: counts, rate, the top refusal reasons, crashes.</summary>
    public static void Print(FuzzReport report, TextWriter output, int topReasons)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Target}: {report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:F1} s ({report.InputsPerSecond:N0} inputs/s): {report.Accepted:N0} accepted, {report.Refused:N0} refused, {report.Crashes:N0} crashes"));
        output.WriteLine($"  refusal reasons ({report.RefusalReasons.Count} distinct, top {Math.Min(topReasons, report.RefusalReasons.Count)}):");
        foreach (var (reason, count) in report.RefusalReasons.Take(topReasons))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {count,10:N0}  {reason}"));
        }

        foreach (string message in report.CrashMessages)
        {
            output.WriteLine($"  CRASH {message}");
        }

        foreach (string file in report.CrashFiles)
        {
            output.WriteLine($"  crashing input saved: {file}");
        }
    }

    /// <summary>Folds a reason's variable parts (numbers, quoted values) so that reasons group.</summary>
    internal static string Fold(string reason)
    {
        string folded = Quoted().Replace(reason, "'…'");
        folded = Numbers().Replace(folded, "#");
        return folded.Length > 140 ? folded[..140] + "…" : folded;
    }

    private static string FirstFrame(Exception ex)
    {
        string? trace = ex.StackTrace;
        if (string.IsNullOrEmpty(trace))
        {
            return "?";
        }

        string first = trace.Split('\n', 2)[0].Trim();
        int paren = first.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? first[..paren] : first;
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![A-Za-z_0-9])-?\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex Numbers();
}
