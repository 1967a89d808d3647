using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Sensors;
using SmartCity.Edge.Sensors.Sampling;
using SmartCity.Edge.Sensors.Simulation;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Motion;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent.Commands;

/// <summary>
/// <c>run</c>: the edge agent with a live console: detections per class, counts per line and movement, frames/s and
/// sensors. With an <c>uplink</c> section in the configuration it runs an <see cref="EdgeDevice"/>, which also sends
/// every summary through the disk outbox to the MQTT broker.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Device configuration file (JSON). Without it: the synthetic demo intersection." };
        var scenario = new Option<string?>("--scenario", "-s") { Description = $"Synthetic scenario: {string.Join(", ", ScenarioCatalog.Names)} (default light)." };
        var model = new Option<string?>("--model", "-m") { Description = $"Model folder (default {ModelLocator.DefaultModel})." };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl+C; the synthetic scenario repeats)." };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default 1)." };
        var noGate = new Option<bool>("--no-gate") { Description = "Run the detector on every frame (no motion gate)." };
        var fast = new Option<bool>("--fast") { Description = "Do not pace the synthetic camera at its frame rate: run it as fast as the pipeline takes its frames (every frame is processed)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the synthetic scene (default: the scenario's)." };
        var updateRoot = new Option<DirectoryInfo>("--update-root") { Description = "With an uplink: folder of the A/B update slots for cmd/model, cmd/config, cmd/rollback (default /var/lib/smartcity).", DefaultValueFactory = _ => new DirectoryInfo("/var/lib/smartcity") };
        var publicKey = new Option<FileInfo[]>("--public-key") { Description = "With an uplink: the city's bundle signing public key(s) (PEM). Cloud updates are accepted only when one exists (default /etc/smartcity/city-signing.pub.pem).", DefaultValueFactory = _ => [new FileInfo("/etc/smartcity/city-signing.pub.pem")], AllowMultipleArgumentsPerToken = true };

        var command = new Command("run", "Run the edge agent (default: the bundled synthetic intersection) and show live counts per line and movement by class, detections, frames/s and sensor readings.")
        {
            config, scenario, model, duration, threads, noGate, fast, seed, updateRoot, publicKey,
        };
        command.SetAction((parse, ct) =>
        {
            // The factory reads the synthetic settings when it opens the source, after the file is loaded.
            var settings = new AgentConfiguration();
            var sources = CreateSourceFactory(() => settings.Synthetic);
            string origin;
            try
            {
                if (parse.GetValue(config) is { } file)
                {
                    settings = AgentConfigurationLoader.Load(file.FullName, sources);
                    origin = file.FullName;
                }
                else
                {
                    settings.Source.RealTime = true;
                    origin = "--scenario/--model options";
                }

                // Command-line options override the file.
                if (parse.GetValue(scenario) is { } s)
                {
                    settings.Source.Type = FrameSourceTypes.Synthetic;
                    settings.Synthetic.Scenario = s;
                }

                if (parse.GetValue(seed) is { } sd)
                {
                    settings.Synthetic.Seed = sd;
                }

                if (parse.GetValue(model) is { } m)
                {
                    settings.Detector.Model = m;
                }

                if (parse.GetValue(threads) is { } t)
                {
                    settings.Detector.IntraOpThreads = t;
                }

                if (parse.GetValue(noGate))
                {
                    settings.Motion.Enabled = false;
                }

                if (parse.GetValue(fast))
                {
                    settings.Source.RealTime = false;
                }

                AgentConfigurationLoader.Validate(settings, origin, sources);
            }
            catch (AgentConfigurationException ex)
            {
                return Task.FromResult(CliErrors.Report(ex.Message));
            }

            if (parse.GetValue(duration) is <= 0)
            {
                return Task.FromResult(CliErrors.Report("--duration must be a positive number of seconds."));
            }

            return settings.Uplink is null
                ? RunAsync(settings, sources, parse.GetValue(duration), ct)
                : RunWithUplinkAsync(settings, parse.GetValue(fast), parse.GetValue(duration), parse.GetRequiredValue(updateRoot).FullName, parse.GetRequiredValue(publicKey), ct);
        });
        return command;
    }

    /// <summary>
    /// The tracker and analytics for this camera: the configured analytics section, or for the synthetic source
    /// the layout of the scene itself (its approaches, stop lines and calibration).
    /// </summary>
    internal static TrafficObserver? CreateTraffic(
        AgentConfiguration settings, ScenarioOptions? scene, TrackerOptions tracking, TimeSpan? interval = null, bool collectCrossings = false)
    {
        var options = settings.Analytics;
        int width = settings.Source.Width, height = settings.Source.Height;
        if (scene is not null)
        {
            width = scene.Width;
            height = scene.Height;
            options ??= SyntheticSceneAnalytics.FromLayout(
                SyntheticTrafficScene.LayoutFor(scene), settings.Device.Id + "-cam");
        }

        if (options is null)
        {
            return null;
        }

        if (width <= 0 || height <= 0)
        {
            throw new AnalyticsConfigurationException(
                $"device {settings.Device.Id}: Source:Width and Source:Height must be set when counting lines and zones are configured (they are drawn in pixels of that frame size).");
        }

        if (interval is { } i)
        {
            options.Interval = i;
        }

        var analytics = CameraAnalytics.Create(options, settings.Device.Id, width, height);
        return new TrafficObserver(new ByteTracker(tracking), analytics) { CollectCrossings = collectCrossings };
    }

    internal static string Describe(IntervalSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        if (s.Status == IntervalStatus.NoData)
        {
            return string.Create(inv, $"{s.Start:HH:mm:ss}–{s.End:HH:mm:ss} no data ({s.Reason})");
        }

        int crossings = s.Lines?.Sum(l => l.Count) ?? 0;
        int movements = s.Movements?.Sum(m => m.Count) ?? 0;
        string queue = s.Queues is { Count: > 0 } q ? string.Create(inv, $", longest queue {q.Max(x => x.MaxMetres):F0} m") : "";
        string reason = s.Reason is null ? "" : $" ({s.Reason})";
        return string.Create(inv, $"{s.Start:HH:mm:ss}–{s.End:HH:mm:ss} {s.Status.ToString().ToLowerInvariant()}{reason}: {crossings} line crossings, {movements} turning movements, {s.FramesSeen} frames{queue}");
    }

    /// <summary>The built-in sources plus the synthetic scene, paced like a camera when <c>RealTime</c> is set.</summary>
    internal static FrameSourceFactory CreateSourceFactory(Func<SyntheticSourceSettings> synthetic)
    {
        var factory = new FrameSourceFactory();
        factory.Register(FrameSourceTypes.Synthetic, (options, pool) =>
        {
            var settings = synthetic();
            var preset = ScenarioCatalog.Get(settings.Scenario);
            var scenario = preset with { Duration = null, Seed = settings.Seed ?? preset.Seed };
            IFrameSource scene = new SyntheticTrafficScene(scenario, pool);
            return options.RealTime ? new PacedFrameSource(scene) : scene;
        });
        return factory;
    }

    private static async Task<int> RunAsync(AgentConfiguration settings, FrameSourceFactory sources, double? durationSeconds, CancellationToken ct)
    {
        ObjectDetector detector;
        TrackerOptions tracking;
        try
        {
            string folder = ModelLocator.Resolve(settings.Detector.Model);
            tracking = TrackerProfile.For(ModelManifest.Load(folder), settings.Tracker, settings.Detector.ScoreThreshold);
            detector = ObjectDetector.Load(folder, TrackerProfile.DetectorOptions(settings.Detector, tracking));
        }
        catch (Exception ex) when (ex is ModelLoadException or ArgumentException)
        {
            return CliErrors.Report(ex.Message);
        }

        using var _ = detector;
        bool synthetic = string.Equals(settings.Source.Type, FrameSourceTypes.Synthetic, StringComparison.OrdinalIgnoreCase);
        // Real cameras are sized at open; the pool holds up to 1080p. The synthetic scene's size is known.
        var scene = synthetic ? ScenarioCatalog.Get(settings.Synthetic.Scenario) : null;
        var pool = new FramePool(scene?.Width ?? 1920, scene?.Height ?? 1080, maxRetained: 8);
        MotionGate? gate = settings.Motion.Enabled ? new MotionGate(settings.Motion) : null;
        TrafficObserver? traffic;
        try
        {
            traffic = CreateTraffic(settings, scene, tracking);
        }
        catch (AnalyticsConfigurationException ex)
        {
            return CliErrors.Report(ex.Message);
        }

        var pipeline = new VisionPipeline(detector, gate, traffic is null ? [] : [traffic], settings.Detector.ScoreThreshold);

        // Environmental sensors: the configured ones, or on the synthetic demo a simulated set (BME280, PMS5003,
        // SDS011, SCD41) driven through the real drivers over simulated buses.
        await using SensorHub? sensors = settings.Sensors.Items.Count > 0
            ? SensorFactory.CreateHub(settings.Sensors)
            : synthetic ? SimulatedSensorFleet.CreateHub(0, SimulatedSensorFleet.DemoConfiguration(settings.Sensors.SummaryInterval)) : null;
        sensors?.Start();
        AirIntervalSummary? lastAir = null;
        await using var source = sources.CreateSupervised(settings.Source, pool, settings.Supervisor);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (durationSeconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var manifest = detector.Manifest;
        string what = synthetic ? $"synthetic scenario {settings.Synthetic.Scenario}" : source.Name;
        var live = new LiveConsole(string.Create(
            CultureInfo.InvariantCulture,
            $"SmartCity edge {settings.Device.Id} · {what} · model {manifest.Name} ({manifest.Format}) · {settings.Detector.IntraOpThreads} thread(s) · motion gate {(gate is null ? "off" : "on")} · Ctrl+C stops"));
        if (traffic is null)
        {
            Console.WriteLine("no counting lines or approaches configured (\"analytics\" section): showing detections only");
        }

        var clock = Stopwatch.StartNew();
        source.Start(stop.Token);
        var consumer = Task.Run(() => pipeline.RunAsync(source.Frames, stop.Token), stop.Token);
        long dropsReported = 0;
        var intervals = new List<IntervalSummary>();
        try
        {
            while (!consumer.IsCompleted)
            {
                await Task.WhenAny(consumer, Task.Delay(1000, stop.Token)).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                var health = source.Health;
                traffic?.ReportDroppedFrames(health.FramesDropped - dropsReported);
                dropsReported = health.FramesDropped;
                if (traffic is not null && traffic.TakeCompleted(intervals) > 0)
                {
                    live.LastInterval = Describe(intervals[^1]);
                }

                while (sensors is not null && sensors.Summaries.TryRead(out var air))
                {
                    lastAir = air;
                }

                live.Air = sensors?.GetHealth();
                live.LastAir = lastAir;
                live.Draw(clock.Elapsed, pipeline.Stats.Snapshot(), health, gate?.Statistics, traffic);
            }

            await consumer.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or --duration: a normal stop.
        }

        try
        {
            await consumer.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The pipeline has stopped; from here on its state is ours to read.
        }

        var final = pipeline.Stats.Snapshot();
        live.Draw(clock.Elapsed, final, source.Health, gate?.Statistics, traffic);
        if (traffic is not null)
        {
            // The interval in progress is closed as it stands (marked partial by the analytics), not dropped.
            traffic.FlushAfterStop();
            traffic.TakeCompleted(intervals);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{intervals.Count} interval summaries completed:"));
            foreach (var summary in intervals)
            {
                Console.WriteLine("  " + Describe(summary));
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"stopped after {clock.Elapsed.TotalSeconds:F1} s: {final.Frames} frames, {final.DetectorRuns} detector runs, mean inference {final.Inference.MeanMs:F1} ms"));
        return CliErrors.Ok;
    }

    /// <summary>The update settings when at least one of <paramref name="publicKeys"/> exists; null (updates off) otherwise.</summary>
    private static EdgeDeviceUpdates? OpenUpdates(string root, FileInfo[] publicKeys, HttpClient http)
    {
        var present = publicKeys.Where(k => k.Exists).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        return new EdgeDeviceUpdates
        {
            Root = root,
            TrustedKeys = present.Select(k => SmartCity.Edge.Updates.BundleSigningKey.Load(k.FullName)).ToList(),
            Http = http,
        };
    }

    private static async Task<int> RunWithUplinkAsync(AgentConfiguration settings, bool fast, double? durationSeconds, string updateRoot, FileInfo[] publicKeys, CancellationToken ct)
    {
        EdgeDevice device;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        EdgeDeviceUpdates? updates;
        try
        {
            updates = OpenUpdates(updateRoot, publicKeys, http);
            device = new EdgeDevice(settings, new EdgeDeviceOptions { SyntheticClockFromNow = !fast, NotifySystemd = true, Updates = updates });
        }
        catch (AgentConfigurationException ex)
        {
            return CliErrors.Report(ex.Message);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Report($"--public-key: {ex.Message}");
        }

        Console.WriteLine(updates is null
            ? $"updates: off (no bundle signing public key at {string.Join(", ", publicKeys.Select(k => k.FullName))}; --public-key FILE to accept cmd/model, cmd/config, cmd/rollback)"
            : $"updates: cmd/model, cmd/config, cmd/rollback accepted, slots in {updateRoot}, {updates.TrustedKeys.Count} trusted key(s)");

        var uplink = settings.Uplink!;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"uplink: broker {uplink.Host}:{(uplink.Port != 0 ? uplink.Port : uplink.Tls ? 8883 : 1883)}{(uplink.Tls ? " (TLS)" : "")}, outbox {device.OutboxDirectory}, health every {uplink.HealthPeriod.TotalSeconds:F0} s"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (durationSeconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var clock = Stopwatch.StartNew();
        var run = device.RunAsync(stop.Token);
        LiveConsole? live = null;
        try
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(1000, CancellationToken.None)).ConfigureAwait(false);
                if (device.Runtime is not { } rt)
                {
                    continue;
                }

                live ??= new LiveConsole(string.Create(
                    CultureInfo.InvariantCulture,
                    $"SmartCity edge {settings.Device.Id} · {rt.Source.Name} · model {rt.Description.ModelVersion} · motion gate {(rt.Gate is null ? "off" : "on")} · Ctrl+C stops"));
                var c = device.GetCounters();
                live.LastInterval = c.LastTraffic;
                live.Air = rt.Sensors?.GetHealth();
                live.LastAir = rt.LastAir;
                live.Uplink = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(c.Connected ? "connected" : "NOT connected")} · sent {c.TrafficIntervals} traffic, {c.AirIntervals} air, {c.HealthMessages} health · seq {c.LastSeq}, acked {c.AckedSeq}, waiting in outbox {c.OutboxDepth}{(c.Refused > 0 ? $" · {c.Refused} refused" : "")}");
                live.Draw(clock.Elapsed, rt.Pipeline.Stats.Snapshot(), rt.Source.Health, rt.Gate?.Statistics, rt.Traffic);
            }

            await run.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ModelLoadException or InvalidOperationException or ArgumentException or AnalyticsConfigurationException or IOException)
        {
            return CliErrors.Report(ex.Message);
        }

        var final = device.GetCounters();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"stopped after {clock.Elapsed.TotalSeconds:F1} s: {final.Frames} frames; sent {final.TrafficIntervals} traffic, {final.AirIntervals} air, {final.HealthMessages} health messages; last seq {final.LastSeq}, acknowledged {final.AckedSeq} ({final.OutboxDepth} left in the outbox for the next start)"));
        return CliErrors.Ok;
    }
}
