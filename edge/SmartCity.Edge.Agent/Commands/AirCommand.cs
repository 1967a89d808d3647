using System.CommandLine;
using SmartCity.AirQuality.Limits;
using SmartCity.AirQuality.Plotting;
using SmartCity.AirQuality.Readers;
using SmartCity.AirQuality.Replay;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>air</c>: air-quality tools. <c>air replay</c> runs recorded sensor.community or airrohr CSV through the
/// same statistics, quality checks and indices as the live sampler, prints hourly and daily results and
/// plots PM2.5 on the US AQI bands.
/// </summary>
internal static class AirCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "sensor.community archive CSV or airrohr firmware CSV (data-esp8266-….csv); several allowed.",
            Arity = ArgumentArity.OneOrMore,
        };
        var humidity = new Option<string[]>("--humidity")
        {
            Description = "CSV with relative humidity (e.g. the DHT22 archive file) matched to the PM readings by time.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var outDir = new Option<string>("--out")
        {
            Description = "Folder for pm25.png.",
            DefaultValueFactory = _ => ".",
        };
        var eu2030 = new Option<bool>("--eu2030") { Description = "Count exceedances against the 2030 limit values of Directive (EU) 2024/2881 instead of Directive 2008/50/EC." };
        var dailyOnly = new Option<bool>("--daily-only") { Description = "Print only the daily results and exceedance counts." };

        var replay = new Command("replay", "Replay recorded air-quality CSV: hourly statistics, QA flags, NowCast, US AQI, EAQI band; daily means, coverage, EU limit exceedances; pm25.png.")
        {
            files, humidity, outDir, eu2030, dailyOnly,
        };
        replay.SetAction(parse => Replay(
            parse.GetRequiredValue(files), parse.GetValue(humidity) ?? [], parse.GetRequiredValue(outDir), parse.GetValue(eu2030), parse.GetValue(dailyOnly)));

        return new Command("air", "Air-quality tools.") { replay };
    }

    private static int Replay(string[] files, string[] humidityFiles, string outDir, bool eu2030, bool dailyOnly)
    {
        var inputs = new List<AirCsvReadResult>();
        try
        {
            foreach (var path in files.Concat(humidityFiles))
            {
                inputs.Add(AirCsvReader.Read(path));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return CliErrors.Report(ex.Message);
        }

        if (inputs.All(i => i.Samples.Count == 0))
        {
            return CliErrors.Report("the files hold no readings.");
        }

        var report = AirReplay.Run(inputs, new ReplayOptions { Limits = eu2030 ? EuLimitValues.From2030 : EuLimitValues.Current });
        ReplayReportWriter.Write(report, Console.Out, includeHourly: !dailyOnly);

        try
        {
            Directory.CreateDirectory(outDir);
            string png = Path.Combine(outDir, "pm25.png");
            Console.WriteLine();
            Console.WriteLine(Pm25Plot.Write(report, png) ? $"wrote {png}" : "no PM2.5 readings: no plot written");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CliErrors.Report($"--out {outDir}: {ex.Message}");
        }

        return CliErrors.Ok;
    }
}
