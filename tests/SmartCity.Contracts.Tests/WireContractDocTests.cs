using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace SmartCity.Contracts.Tests;

/// <summary>The JSON examples in docs/wire-contract.md parse, validate, and are exactly what the code writes.</summary>
public sealed partial class WireContractDocTests
{
    public static TheoryData<string, MessageKind> Examples => new()
    {
        { "status", MessageKind.Status },
        { "traffic", MessageKind.Traffic },
        { "traffic-no-data", MessageKind.Traffic },
        { "air", MessageKind.Air },
        { "health", MessageKind.Health },
        { "events", MessageKind.Events },
        { "cmd", MessageKind.Command },
        { "cmd-result", MessageKind.CommandResult },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Doc_example_parses_validates_and_matches_the_code(string label, MessageKind kind)
    {
        string json = ReadExample(label);

        Assert.True(WireJson.TryDeserialize(Encoding.UTF8.GetBytes(json), kind, out WirePayload? payload, out string? error), $"{label}: {error}");
        WireValidationResult validation = WireValidator.Validate(payload.Device, payload);
        Assert.True(validation.IsValid, $"{label}: {validation.Reason}");

        WirePayload expected = label == "traffic-no-data" ? WireExamples.TrafficNoData() : WireExamples.For(kind);
        Assert.Equal(WireJson.SerializeIndented(expected), json);
    }

    [Fact]
    public void Doc_states_the_limits_the_code_enforces()
    {
        string doc = File.ReadAllText(DocPath());

        Assert.Contains($"{WireJson.MaxPayloadBytes:N0} bytes", doc, StringComparison.Ordinal);
        Assert.Contains($"limited to {WireJson.MaxDepth} levels", doc, StringComparison.Ordinal);
        Assert.Contains(Topics.SharedSubscription("{group}"), doc, StringComparison.Ordinal);
        foreach (MessageKind kind in Enum.GetValues<MessageKind>())
        {
            Assert.Contains($"### {Topics.Segment(kind)}", doc, StringComparison.Ordinal);
        }
    }

    private static string ReadExample(string label)
    {
        string doc = File.ReadAllText(DocPath()).ReplaceLineEndings("\n");
        Match match = ExampleBlock().Match(doc, doc.IndexOf($"<!-- wire-example: {label} -->", StringComparison.Ordinal) is var at and >= 0
            ? at
            : throw new InvalidOperationException($"docs/wire-contract.md has no example marked '{label}'."));
        Assert.True(match.Success, $"no ```json block after the '{label}' marker");
        return match.Groups["json"].Value;
    }

    private static string DocPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "wire-contract.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/wire-contract.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("\\G<!-- wire-example: [a-z-]+ -->\\n```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
