using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SmartCity.AirQuality;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Detection.Inference;
using SmartCity.Edge.Provisioning.Diagnostics;
using SmartCity.Edge.Sensors;
using SmartCity.Edge.Sensors.Configuration;
using SmartCity.Edge.Sensors.Simulation;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>doctor</c>: one pass/fail line per check with a hint — configuration, each sensor (plausible values), the
/// camera (a frame), the model (loads, self-test on a bundled frame), the identity (certificate), the broker (TLS
/// with this identity, MQTT CONNACK), the clock, the outbox disk. The checks run in parallel within
/// <c>--timeout</c> (10 s); the exit code is 1 when any failed.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>Names accepted by <c>--skip</c>.</summary>
    public static readonly string[] CheckNames = ["sensors", "camera", "model", "identity", "broker", "clock", "outbox"];

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = "Device configuration file.",
            DefaultValueFactory = _ => new FileInfo("/var/lib/smartcity/device.json"),
        };
        var ntp = new Option<string?>("--ntp-server") { Description = "NTP server (host or host:port) to compare the clock with when timedatectl/chrony cannot tell." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds for all checks together.", DefaultValueFactory = _ => 10 };
        var skip = new Option<string[]>("--skip")
        {
            Description = $"Checks to leave out: {string.Join(", ", CheckNames)}.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        skip.AcceptOnlyFromAmong(CheckNames);
        var command = new Command("doctor", "Check this device: sensors, camera, model self-test, certificate, broker over TLS, clock, outbox disk. Exit 1 when a check fails.")
        {
            config, ntp, timeout, skip,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetRequiredValue(config).FullName, parse.GetValue(ntp), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(skip) ?? [], Console.Out, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, string? ntpServer, TimeSpan timeout, IReadOnlyCollection<string> skip, TextWriter output, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
        {
            return CliErrors.Report($"--timeout {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s must be above 0 and at most 300.");
        }

        long start = Stopwatch.GetTimestamp();
        AgentConfiguration? config = null;
        var sources = DoctorSources.Create(() => config?.Synthetic ?? new SyntheticSourceSettings());
        try
        {
            config = AgentConfigurationLoader.Load(configPath, sources);
        }
        catch (AgentConfigurationException ex)
        {
            output.WriteLine($"doctor: {configPath}");
            Write(output, CheckResult.Fail("config", ex.Message, "fix the configuration (`smartcity-edge validate --config FILE` names the key), or provision again"));
            return CliErrors.Failed;
        }

        output.WriteLine($"doctor: {configPath} (device {config.Device.Id}, site {config.Device.Site}), {timeout.TotalSeconds:F0} s budget");
        Write(output, CheckResult.Pass("config", "loaded and validated"));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        // Each check gets most of the budget; they run side by side, so the total stays within it.
        var budget = TimeSpan.FromTicks(timeout.Ticks * 8 / 10);
        var checks = new List<(string Name, Task<CheckResult> Task)>();
        void Add(string group, string name, Func<CheckResult> check)
        {
            checks.Add((name, skip.Contains(group)
                ? Task.FromResult(CheckResult.Skip(name, "skipped (--skip)"))
                : Task.Run(() => Timed(name, check), CancellationToken.None)));
        }

        void AddAsync(string group, string name, Func<Task<CheckResult>> check)
        {
            checks.Add((name, skip.Contains(group)
                ? Task.FromResult(CheckResult.Skip(name, "skipped (--skip)"))
                : Task.Run(() => TimedAsync(name, check), CancellationToken.None)));
        }

        foreach (var sensor in config.Sensors.Items)
        {
            Add("sensors", $"sensor {sensor.Name}", () => CheckSensor(sensor, budget));
        }

        AddAsync("camera", "camera", () => CheckCameraAsync(config, sources, budget, cts.Token));
        Add("model", "model", () => CheckModel(config));
        var uplink = config.Uplink;
        Add("identity", "identity", () => uplink?.ClientCertificate is { } cert && uplink.ClientKey is { } key
            ? IdentityProbe.Run(config.Device.Id, cert, key, uplink.CaCertificate, DateTimeOffset.UtcNow)
            : CheckResult.Skip("identity", "no client certificate configured (uplink.clientCertificate)"));
        AddAsync("broker", "broker", () => uplink is null
            ? Task.FromResult(CheckResult.Skip("broker", "no uplink configured: nothing is sent"))
            : BrokerProbe.RunAsync(new BrokerProbe.Target
            {
                Host = uplink.Host,
                Port = uplink.Port != 0 ? uplink.Port : uplink.Tls ? 8883 : 1883,
                Tls = uplink.Tls,
                CaCertificate = uplink.CaCertificate,
                ClientCertificate = uplink.ClientCertificate,
                ClientKey = uplink.ClientKey,
                Username = uplink.Username,
                Password = uplink.Password,
                DeviceId = config.Device.Id,
            }, budget, cts.Token));
        AddAsync("clock", "clock", () => ClockProbe.RunAsync(ntpServer, TimeSpan.FromTicks(budget.Ticks / 2), cancellationToken: cts.Token));
        Add("outbox", "outbox", () => OutboxDiskProbe.Run(
            uplink?.ResolveOutboxDirectory(config.Device.Id) ?? Path.GetFullPath(Path.Combine("outbox", config.Device.Id)),
            uplink?.OutboxQuotaBytes ?? UplinkSettings.DefaultOutboxQuotaBytes));

        int failed = 0, warned = 0, skipped = 0, passed = 1;
        foreach (var (name, task) in checks)
        {
            CheckResult result;
            var remaining = timeout - Stopwatch.GetElapsedTime(start);
            if (await Task.WhenAny(task, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, CancellationToken.None)).ConfigureAwait(false) == task)
            {
                result = await task.ConfigureAwait(false);
            }
            else
            {
                result = CheckResult.Fail(name, $"no answer within the {timeout.TotalSeconds:F0} s budget", "the device or bus hangs: check wiring and power, then run doctor again");
            }

            Write(output, result);
            switch (result.Status)
            {
                case CheckStatus.Fail: failed++; break;
                case CheckStatus.Warn: warned++; break;
                case CheckStatus.Skip: skipped++; break;
                default: passed++; break;
            }
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{checks.Count + 1} checks: {passed} passed, {failed} failed, {warned} warnings, {skipped} skipped in {seconds:F1} s"));
        return failed == 0 ? CliErrors.Ok : CliErrors.Failed;
    }

    private static void Write(TextWriter output, CheckResult result)
    {
        string status = result.Status switch
        {
            CheckStatus.Pass => "PASS",
            CheckStatus.Fail => "FAIL",
            CheckStatus.Warn => "WARN",
            _ => "SKIP",
        };
        string time = result.Elapsed > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" ({result.Elapsed.TotalMilliseconds:F0} ms)") : "";
        output.WriteLine($"  {status}  {result.Name,-16} {result.Detail}{time}");
        if (result.Hint is { } hint && result.Status is CheckStatus.Fail or CheckStatus.Warn)
        {
            output.WriteLine($"        {"",-16} hint: {hint}");
        }
    }

    private static CheckResult Timed(string name, Func<CheckResult> check)
    {
        long start = Stopwatch.GetTimestamp();
        CheckResult result;
        try
        {
            result = check();
        }
        catch (Exception ex)
        {
            result = CheckResult.Fail(name, $"{ex.GetType().Name}: {ex.Message}", "unexpected error; report it with this line");
        }

        return result with { Elapsed = Stopwatch.GetElapsedTime(start) };
    }

    private static async Task<CheckResult> TimedAsync(string name, Func<Task<CheckResult>> check)
    {
        long start = Stopwatch.GetTimestamp();
        CheckResult result;
        try
        {
            result = await check().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            result = CheckResult.Fail(name, $"{ex.GetType().Name}: {ex.Message}", "unexpected error; report it with this line");
        }

        return result with { Elapsed = Stopwatch.GetElapsedTime(start) };
    }

    internal static CheckResult CheckSensor(SensorDefinition definition, TimeSpan budget)
    {
        string name = $"sensor {definition.Name}";
        string where = SensorModels.BusOf(definition.Type) switch
        {
            SensorBusKind.I2c => $"I2C bus {definition.Bus ?? 1} address 0x{definition.Address ?? SensorModels.AddressesOf(definition.Type)[0]:X2}",
            SensorBusKind.Serial => definition.Port ?? "(no port)",
            _ => "on board",
        };
        if (definition.Simulated)
        {
            where += ", simulated";
        }

        ISensor sensor;
        try
        {
            sensor = SensorFactory.Open(definition, SimulatedSensorFleet.ProfileFor(0));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return CheckResult.Fail(name, $"{definition.Type} at {where}: cannot open: {ex.Message}", Hint(definition, SensorFault.BusError));
        }

        using (sensor)
        {
            var readings = new SensorReading[Math.Max(1, sensor.MaxReadings)];
            var rules = new QualityRules();
            var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            var fault = SensorFault.None;
            int attempts = 0;
            do
            {
                attempts++;
                if (sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out fault) && written > 0)
                {
                    var parts = new List<string>(written);
                    for (int i = 0; i < written; i++)
                    {
                        var r = readings[i];
                        var range = rules.RangeOf(r.Quantity);
                        if (!range.Contains(r.Value))
                        {
                            return CheckResult.Fail(name, string.Create(CultureInfo.InvariantCulture,
                                $"{definition.Type} at {where}: {r.Quantity.Name()} = {r.Value:G4} {r.Unit} is outside the plausible {range.Min:G4}–{range.Max:G4}"),
                                "the sensor answers but the value is impossible: a faulty or wrongly configured sensor (wrong type at this address?)");
                        }

                        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Value:0.#} {r.Unit}"));
                    }

                    return CheckResult.Pass(name, $"{definition.Type} at {where}: {string.Join(", ", parts)}");
                }

                if (fault is SensorFault.BusError)
                {
                    break;
                }

                Thread.Sleep(200);
            }
            while (Stopwatch.GetTimestamp() < deadline);

            return CheckResult.Fail(name, $"{definition.Type} at {where}: no reading after {attempts} attempts ({fault})", Hint(definition, fault));
        }
    }

    private static string Hint(SensorDefinition definition, SensorFault fault) => (SensorModels.BusOf(definition.Type), fault) switch
    {
        (SensorBusKind.I2c, _) => $"check wiring and power; `i2cdetect -y {definition.Bus ?? 1}` must show the address; config.txt needs dtparam=i2c_arm=on (firmware-configs/boards)",
        (SensorBusKind.Serial, SensorFault.ForeignFrame) => "another sensor model answers on this port: check the type or swap the udev names",
        (SensorBusKind.Serial, SensorFault.ChecksumError) => "garbled frames: check the baud rate (9600) and the cable",
        (SensorBusKind.Serial, _) => "check the port (udev name in firmware-configs/boards/udev), power and TX/RX wiring; the serial console must be off on the GPIO UART",
        _ => "check /sys/class/thermal",
    };

    private static async Task<CheckResult> CheckCameraAsync(AgentConfiguration config, Vision.Sources.FrameSourceFactory sources, TimeSpan budget, CancellationToken cancellationToken)
    {
        const string name = "camera";
        var pool = new FramePool(Math.Max(config.Source.Width, 1920), Math.Max(config.Source.Height, 1080), maxRetained: 2);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(budget);
        Vision.Sources.IFrameSource source;
        try
        {
            source = sources.Create(config.Source, pool);
        }
        catch (Exception ex) when (ex is Vision.Sources.FrameSourceException or IOException or ArgumentException or InvalidOperationException)
        {
            return CheckResult.Fail(name, $"{config.Source.Type}: cannot open: {ex.Message}", CameraHint(config));
        }

        await using (source.ConfigureAwait(false))
        {
            try
            {
                using var frame = await source.ReadAsync(cts.Token).ConfigureAwait(false);
                return frame is null
                    ? CheckResult.Fail(name, $"{source.Name}: ended without a frame", CameraHint(config))
                    : CheckResult.Pass(name, $"{source.Name}: {frame.Width}x{frame.Height} {frame.Format}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return CheckResult.Fail(name, $"{source.Name}: no frame within {budget.TotalSeconds:F0} s", CameraHint(config));
            }
            catch (Vision.Sources.FrameSourceException ex)
            {
                return CheckResult.Fail(name, $"{source.Name}: {ex.Message}", CameraHint(config));
            }
        }
    }

    private static string CameraHint(AgentConfiguration config) => config.Source.Type switch
    {
        "libcamera" => "check the ribbon cable and `rpicam-hello --list-cameras`; config.txt needs camera_auto_detect=1",
        "v4l2" => $"check `v4l2-ctl --list-devices` and that {config.Source.Device ?? "/dev/video0"} exists; the agent's user must be in group video",
        "ffmpeg" => "check the stream URL with `ffprobe`, the network and the camera's credentials",
        _ => "check source.path / source.url",
    };

    private static CheckResult CheckModel(AgentConfiguration config)
    {
        string folder = ModelLocator.Resolve(config.Detector.Model);
        var result = ModelSelfTest.Run(folder);
        if (!result.Passed)
        {
            return CheckResult.Fail("model", $"{folder}: {result.Detail}", "the model folder is missing or broken: roll back (cmd/rollback kind=model) or reinstall the model bundle");
        }

        return Int8Saturation(ModelManifest.Load(folder).OnnxPath, Int8Kernels.CpuLacksVnni()) is { } warning
            ? CheckResult.Warn("model", $"{folder}: {result.Detail}; {warning}", Int8SaturationHint)
            : CheckResult.Pass("model", $"{folder}: {result.Detail}");
    }

    internal const string Int8SaturationHint =
        "re-quantise with 7-bit weights (tools/train-demo-model/quantize_qdq.py --weight-bits 7, or ONNX Runtime's quantize_static(..., reduce_range=True)) "
        + "and compare on this device: smartcity-edge model-eval -m INT8_FOLDER -m FP32_FOLDER";

    /// <summary>
    /// Why the model's int8 weights may saturate ONNX Runtime's integer kernels on a CPU without VNNI, or null when
    /// they cannot (7-bit weights, a float model, a CPU with VNNI or not x86).
    /// </summary>
    internal static string? Int8Saturation(string onnxPath, bool cpuLacksVnni)
    {
        if (!cpuLacksVnni)
        {
            return null;
        }

        return Int8Kernels.TryMaxInt8Weight(onnxPath, out int max, out _) && max > Int8Kernels.SafeWeightMagnitude
            ? $"its int8 weights use the full 8-bit range (up to ±{max}) and this x86 CPU has no VNNI: ONNX Runtime's int8 kernels add pairs of products in 16 bits and clip, so detections are worse here than where the model was measured"
            : null;
    }
}
