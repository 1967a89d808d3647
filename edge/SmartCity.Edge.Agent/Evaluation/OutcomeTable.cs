using System.Globalization;
using System.Text;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>Markdown cells and header of a diagnosis's outcome counts (<see cref="JourneyDiagnosisResult"/>, <see cref="CrossingDiagnosisResult"/>): one column per outcome.</summary>
internal static class OutcomeTable
{
    /// <summary><c>total | n | n | … |</c>: <paramref name="total"/>, then how many rows have each outcome, in the enum's order.</summary>
    public static string Cells<TOutcome>(int total, Func<TOutcome, int> count)
        where TOutcome : struct, Enum
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{total} |");
        foreach (TOutcome o in Enum.GetValues<TOutcome>())
        {
            sb.Append(CultureInfo.InvariantCulture, $" {count(o)} |");
        }

        return sb.ToString();
    }

    /// <summary>The header row matching <see cref="Cells"/> after a scenario column, with <paramref name="extra"/> columns after the outcomes, and its alignment row.</summary>
    public static string Header<TOutcome>(string total, params string[] extra)
        where TOutcome : struct, Enum
    {
        string[] columns = [.. Enum.GetNames<TOutcome>(), .. extra];
        return $"| scenario | {total} | " + string.Join(" | ", columns) + " |\n|---|" + string.Concat(Enumerable.Repeat("---:|", columns.Length + 1));
    }
}
