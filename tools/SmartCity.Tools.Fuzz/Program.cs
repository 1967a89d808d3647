using System.CommandLine;
using System.Globalization;
using SmartCity.Tools.Fuzz;
using SmartCity.Tools.Fuzz.Targets;

// smartcity-fuzz: structure-aware fuzzing of the MQTT payload parser, the device configuration loader and the sensor
// frame parsers. Exit code 0 when nothing crashed, 1 when something did, 2 for bad arguments.
var target = new Option<string>("--target", "-t")
{
    Description = "What to fuzz: payload (WireJson + WireValidator, all message kinds), config (AgentConfigurationLoader), sensors (SDS011, PMS5003, MH-Z19B, SCD4x, BME280, SHT3x parsers) or all.",
    DefaultValueFactory = _ => "all",
};
target.AcceptOnlyFromAmong("payload", "config", "sensors", "all");
var inputs = new Option<long>("--inputs", "-n") { Description = "Inputs per target.", DefaultValueFactory = _ => 1_000_000 };
var seed = new Option<int>("--seed", "-s") { Description = "Random seed (the same seed repeats the same inputs).", DefaultValueFactory = _ => 1 };
var crashes = new Option<string>("--crash-dir")
{
    Description = "Folder the crashing inputs are written to (<target>-seed<N>-input<i>.bin plus a .txt with the exception).",
    DefaultValueFactory = _ => "fuzz-crashes",
};
var repo = new Option<string?>("--firmware-configs") { Description = "The firmware-configs folder with devices/*.json and templates/*.json (config seeds); found from the current folder upwards when left out." };
var progressSeconds = new Option<double>("--progress") { Description = "Seconds between progress lines.", DefaultValueFactory = _ => 5 };
var parsers = new Option<string[]>("--parsers")
{
    Description = $"For --target sensors: the sensor parsers to run ({string.Join(", ", SensorTarget.ParserNames)}); all when left out.",
    AllowMultipleArgumentsPerToken = true,
    Arity = ArgumentArity.ZeroOrMore,
};
parsers.AcceptOnlyFromAmong([.. SensorTarget.ParserNames]);
var top = new Option<int>("--top") { Description = "Refusal reasons to list per target.", DefaultValueFactory = _ => 15 };

var root = new RootCommand("Fuzz the SmartCity parsers with mutated valid examples (wire examples, firmware-configs, sensor frames) and random bytes; report inputs/s, accepted and refused counts per reason, and save crashing inputs.")
{
    target, inputs, seed, crashes, repo, parsers, progressSeconds, top,
};
root.SetAction(parse =>
{
    long n = parse.GetValue(inputs);
    double every = parse.GetValue(progressSeconds);
    if (n < 1)
    {
        Console.Error.WriteLine($"smartcity-fuzz: --inputs {n} must be at least 1.");
        return 2;
    }

    if (!(every > 0))
    {
        Console.Error.WriteLine($"smartcity-fuzz: --progress {every.ToString(CultureInfo.InvariantCulture)} s must be above 0.");
        return 2;
    }

    string which = parse.GetRequiredValue(target);
    string? firmware = parse.GetValue(repo) ?? FindFirmwareConfigs();
    var targets = new List<IFuzzTarget>();
    try
    {
        if (which is "payload" or "all")
        {
            targets.Add(new PayloadTarget());
        }

        if (which is "config" or "all")
        {
            if (firmware is null)
            {
                Console.Error.WriteLine("smartcity-fuzz: no firmware-configs folder found from here upwards; pass --firmware-configs DIR.");
                return 2;
            }

            targets.Add(new ConfigTarget(firmware));
        }

        if (which is "sensors" or "all")
        {
            targets.Add(new SensorTarget(parse.GetValue(parsers)));
        }
    }
    catch (IOException ex)
    {
        Console.Error.WriteLine($"smartcity-fuzz: {ex.Message}");
        return 2;
    }

    int seedValue = parse.GetValue(seed);
    string crashDir = Path.GetFullPath(parse.GetRequiredValue(crashes));
    long total = 0;
    foreach (IFuzzTarget t in targets)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Name}: {n:N0} inputs, seed {seedValue}, {t.Seeds.Count} seed examples, crashes to {crashDir}"));
        FuzzReport report = FuzzRunner.Run(t, n, seedValue, crashDir, Console.Out, TimeSpan.FromSeconds(every));
        FuzzRunner.Print(report, Console.Out, parse.GetValue(top));
        total += report.Crashes;
        (t as IDisposable)?.Dispose();
    }

    Console.WriteLine(total == 0 ? "no crashes" : $"{total} crashing inputs (see above)");
    return total == 0 ? 0 : 1;
});

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

static string? FindFirmwareConfigs()
{
    foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "firmware-configs");
            if (Directory.Exists(Path.Combine(candidate, "devices")))
            {
                return candidate;
            }
        }
    }

    return null;
}
