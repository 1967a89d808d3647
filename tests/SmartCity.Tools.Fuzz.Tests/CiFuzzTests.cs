using SmartCity.Tools.Fuzz;
using SmartCity.Tools.Fuzz.Targets;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Tools.Fuzz.Tests;

/// <summary>
/// A CI-sized run of smartcity-fuzz: 20,000 inputs per target with fixed seeds (the same inputs every run). No input may
/// crash a parser; both accepted and refused inputs must occur, or the mutator has stopped reaching the parser.
/// The full runs (1,000,000 inputs per target) are <c>smartcity-fuzz --target all</c>.
/// </summary>
public sealed class CiFuzzTests(ITestOutputHelper output)
{
    private const long Inputs = 20_000;

    [Fact]
    public void Payload_parser_survives_20k_inputs() => AssertSurvives(new PayloadTarget(), seed: 20261126);

    [Fact]
    public void Config_loader_survives_20k_inputs() => AssertSurvives(new ConfigTarget(FindFirmwareConfigs()), seed: 20261127);

    [Fact]
    public void Sensor_frame_parsers_survive_20k_inputs()
    {
        using var target = new SensorTarget();
        FuzzReport report = AssertSurvives(target, seed: 20261128);

        // Every default sensor parser was reached and refused something.
        foreach (string parser in new[] { "sds011", "pms5003", "mhz19b", "bme280", "sht3x" })
        {
            Assert.Contains(report.RefusalReasons, r => r.Key.StartsWith(parser + ":", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_counts()
    {
        FuzzReport a = FuzzRunner.Run(new PayloadTarget(), 3_000, 7, null, null, TimeSpan.FromHours(1));
        FuzzReport b = FuzzRunner.Run(new PayloadTarget(), 3_000, 7, null, null, TimeSpan.FromHours(1));
        Assert.Equal((a.Accepted, a.Refused), (b.Accepted, b.Refused));
        Assert.Equal(a.RefusalReasons, b.RefusalReasons);
    }

    [Fact]
    public void A_crashing_parser_is_counted_and_its_input_saved()
    {
        string dir = Path.Combine(Path.GetTempPath(), "smartcity-fuzz-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            FuzzReport report = FuzzRunner.Run(new ThrowsOnBrace(), 500, 3, dir, null, TimeSpan.FromHours(1));
            Assert.True(report.Crashes > 0);
            Assert.Equal(report.Inputs, report.Accepted + report.Refused + report.Crashes);
            Assert.NotEmpty(report.CrashFiles);
            Assert.Contains((byte)'{', File.ReadAllBytes(report.CrashFiles[0]));
            Assert.Contains(report.CrashMessages, m => m.Contains("brace", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("device 'abc-12' at lines[3].count: 17 is not between 0 and 1e9", "device '…' at lines[#].count: # is not between # and #")]
    [InlineData("sds011: no frame", "sds011: no frame")]
    public void Reasons_are_folded_so_that_they_group(string reason, string folded) => Assert.Equal(folded, FuzzRunner.Fold(reason));

    private FuzzReport AssertSurvives(IFuzzTarget target, int seed)
    {
        FuzzReport report = FuzzRunner.Run(target, Inputs, seed, crashDirectory: null, progress: null, TimeSpan.FromHours(1));
        using var text = new StringWriter();
        FuzzRunner.Print(report, text, topReasons: 10);
        output.WriteLine(text.ToString());
        Assert.True(report.Crashes == 0, text.ToString());
        Assert.Equal(Inputs, report.Accepted + report.Refused);
        Assert.True(report.Accepted > 0, $"{target.Name}: nothing was accepted: the mutator no longer produces valid inputs");
        Assert.True(report.Refused > Inputs / 10, $"{target.Name}: only {report.Refused} refused");
        return report;
    }

    private static string FindFirmwareConfigs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "firmware-configs");
            if (Directory.Exists(Path.Combine(candidate, "devices")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no firmware-configs folder above {AppContext.BaseDirectory}");
    }

    /// <summary>A parser with a planted bug: throws on any input holding '{'.</summary>
    private sealed class ThrowsOnBrace : IFuzzTarget
    {
        public string Name => "planted";

        public IReadOnlyList<byte[]> Seeds { get; } = ["{\"a\":1}"u8.ToArray(), "[1,2]"u8.ToArray()];

        public bool IsText => true;

        public string? Run(ReadOnlySpan<byte> input, int seedIndex, int random) =>
            input.Contains((byte)'{') ? throw new FormatException("planted brace bug") : input.Length % 2 == 0 ? null : "odd";
    }
}
