using SmartCity.Contracts;
using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Updates;
using SmartCity.Edge.Uplink.Mqtt;

namespace SmartCity.Edge.Agent;

/// <summary>Cloud commands and systemd supervision of a running device.</summary>
public sealed partial class EdgeDevice
{
    /// <summary>
    /// The update handler of this run (model and config A/B slots under <see cref="EdgeDeviceUpdates.Root"/>), hooked into
    /// the pump so that <c>cmd/model</c>, <c>cmd/config</c> and <c>cmd/rollback</c> are verified, installed with a self-test
    /// and answered on <c>cmd-result</c> through the outbox. Null when the device takes no updates.
    /// </summary>
    private sealed class CommandRuntime : IDisposable
    {
        private readonly UpdateInstaller _model;
        private readonly UpdateInstaller _config;

        public CommandRuntime(string deviceId, EdgeDeviceUpdates updates, string factoryModelFolder, string factoryModelName)
        {
            _model = new UpdateInstaller(
                BundleKind.Model, new SlotStore(Path.Combine(updates.Root, UpdateCommand.FolderOf(BundleKind.Model))),
                new BundleVerifier(deviceId, updates.TrustedKeys), ModelSelfTest.Delegate);
            _config = new UpdateInstaller(
                BundleKind.Config, new SlotStore(Path.Combine(updates.Root, UpdateCommand.FolderOf(BundleKind.Config))),
                new BundleVerifier(deviceId, updates.TrustedKeys), UpdateCommand.ConfigSelfTest);

            // The shipped model becomes v0 in slot a, so the first update has something to roll back to.
            _model.SeedFactory(factoryModelFolder, factoryModelName);
            Handler = new UpdateCommandHandler(
                new Dictionary<BundleKind, UpdateInstaller> { [BundleKind.Model] = _model, [BundleKind.Config] = _config },
                Path.Combine(updates.Root, "downloads"),
                updates.Http);
        }

        public UpdateCommandHandler Handler { get; }

        public void Dispose()
        {
            _model.Dispose();
            _config.Dispose();
        }
    }

    /// <summary>The model folder to load: the installed (<c>current</c>) model of the update slots when there is one, else the configured one.</summary>
    private string ResolveModelFolder()
    {
        string configured = ModelLocator.Resolve(_config.Detector.Model);
        if (_options.Updates is { LoadInstalledModel: true } updates)
        {
            string current = new SlotStore(Path.Combine(updates.Root, UpdateCommand.FolderOf(BundleKind.Model))).CurrentPath;
            if (File.Exists(Path.Combine(current, "model.json")))
            {
                return current;
            }
        }

        return configured;
    }

    /// <summary>
    /// Hooks the device's command handlers into <paramref name="pump"/>: signed updates (<paramref name="commands"/>) and
    /// calibration snapshots (<paramref name="snapshots"/>); results go to <c>cmd-result</c> with the device's seq.
    /// </summary>
    private void AttachCommands(MqttPublisherPump pump, CommandRuntime? commands, SnapshotUploader? snapshots)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (commands is not null)
        {
            names.UnionWith(UpdateCommandHandler.CommandNames);
        }

        if (snapshots is not null)
        {
            names.Add(SnapshotUploader.CommandName);
        }

        if (names.Count == 0)
        {
            return;
        }

        pump.SetCommandHandler(names, async (command, ct) =>
        {
            CommandOutcome outcome;
            string message;
            if (snapshots is not null && command.Name == SnapshotUploader.CommandName)
            {
                (outcome, message) = await snapshots.HandleAsync(command, ct).ConfigureAwait(false);
                message = SnapshotUploader.Fit(message);
            }
            else
            {
                var result = await commands!.Handler.HandleAsync(command, ct).ConfigureAwait(false);
                var payload = result.ToCommandResult(DeviceId, 0, command.RequestId, command.Name, DateTimeOffset.UtcNow);
                (outcome, message) = (payload.Outcome, payload.Message ?? "");
            }

            if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
            {
                DeviceLog.CommandHandled(_logger, DeviceId, command.Name, command.RequestId, outcome, message);
            }

            return new CommandResultPayload
            {
                Device = DeviceId,
                Seq = 0,
                Ts = DateTimeOffset.UtcNow,
                IntervalS = 0,
                RequestId = command.RequestId,
                Name = command.Name,
                Outcome = outcome,
                Message = message,
            };
        });
    }

    /// <summary>
    /// <c>cmd/snapshot</c>: the one way a camera frame leaves the device — on an operator's explicit request, which the
    /// cloud logs. The next frame of the running pipeline is taken (<see cref="SnapshotGrabber"/>), people are blurred
    /// with <see cref="PrivacyBlur"/>, and the JPEG is uploaded, from memory, with <c>PUT {url}?token={token}</c> (the
    /// one-time token the cloud issued for this request). If people cannot be detected, nothing is uploaded.
    /// </summary>
    internal sealed class SnapshotUploader(SnapshotGrabber grabber, string deviceId) : IDisposable
    {
        /// <summary>The command name.</summary>
        public const string CommandName = "snapshot";

        private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

        /// <summary>How long the pipeline has to deliver a frame.</summary>
        public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(20);

        public async Task<(CommandOutcome Outcome, string Message)> HandleAsync(CommandPayload command, CancellationToken ct)
        {
            string? url = command.Args?.GetValueOrDefault("url");
            string? token = command.Args?.GetValueOrDefault("token");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(target.Query))
            {
                return (CommandOutcome.Rejected, $"cmd/snapshot needs args.url, the absolute http(s) upload URL without a query; got '{url}'.");
            }

            if (token is not { Length: 64 } || token.AsSpan().ContainsAnyExcept(LowerHex))
            {
                return (CommandOutcome.Rejected, "cmd/snapshot needs args.token, the 64-hex-digit one-time upload token.");
            }

            SnapshotFrame grab;
            try
            {
                grab = await grabber.GrabAsync(FrameTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return (CommandOutcome.Failed, $"no frame from the camera pipeline within {FrameTimeout.TotalSeconds:F0} s; nothing uploaded.");
            }
            catch (InvalidOperationException ex)
            {
                return (CommandOutcome.Failed, $"{ex.Message} Nothing uploaded.");
            }

            byte[] jpeg;
            int width = grab.Frame.Width, height = grab.Frame.Height;
            using (grab.Frame)
            using (var blurred = PrivacyBlur.Apply(grab.Frame, grab.Blur))
            {
                jpeg = PrivacyBlur.EncodeJpeg(blurred);
            }

            using var content = new ByteArrayContent(jpeg);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            var put = new UriBuilder(target) { Query = "token=" + token }.Uri;
            try
            {
                using var response = await _http.PutAsync(put, content, ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    return (CommandOutcome.Failed, $"upload to {target} refused: HTTP {(int)response.StatusCode}: {DetailOf(body)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return (CommandOutcome.Failed, $"upload to {target} failed: {ex.Message}");
            }

            return (CommandOutcome.Ok, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{deviceId}: uploaded one {width}x{height} calibration frame ({jpeg.Length / 1024.0:F0} KiB JPEG) with {grab.Blur.Count} of {grab.Detections} detections (people) blurred to {target}"));
        }

        /// <summary>Fits a message into the wire contract's text limit, without control characters.</summary>
        public static string Fit(string message)
        {
            string clean = string.Concat(message.Where(c => !char.IsControl(c)));
            return clean.Length <= WireValidator.MaxTextLength ? clean : string.Concat(clean.AsSpan(0, WireValidator.MaxTextLength - 1), "…");
        }

        private static string DetailOf(string body)
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("detail", out var d))
                {
                    return d.GetString() ?? body;
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }

            return body.Length > 300 ? body[..300] : body;
        }

        public void Dispose() => _http.Dispose();
    }

    /// <summary>
    /// sd_notify from the main loop: <c>READY=1</c> once frames flow through the pipeline, then <c>WATCHDOG=1</c> at the
    /// watchdog interval only while frames keep flowing, so a hung pipeline stops feeding the watchdog and systemd
    /// restarts the agent.
    /// </summary>
    private sealed class SystemdSupervision(SystemdNotifier notifier)
    {
        private long _lastFrames = -1;
        private DateTimeOffset _lastPing;
        private bool _ready;

        public void OnLoop(long frames, DateTimeOffset now, string status)
        {
            if (!notifier.Enabled)
            {
                return;
            }

            if (!_ready)
            {
                if (frames > 0)
                {
                    _ready = notifier.Ready(status);
                    (_lastFrames, _lastPing) = (frames, now);
                }

                return;
            }

            if (notifier.WatchdogInterval is { } interval && now - _lastPing >= interval && frames > _lastFrames)
            {
                notifier.Watchdog();
                notifier.Status(status);
                (_lastFrames, _lastPing) = (frames, now);
            }
        }

        public void Stopping() => notifier.Stopping();
    }
}

/// <summary>Signed updates a device accepts from the cloud (<c>cmd/model</c>, <c>cmd/config</c>, <c>cmd/rollback</c>).</summary>
public sealed class EdgeDeviceUpdates
{
    /// <summary>Update folder holding the slots: <c>models/{a,b,current}</c> and <c>config/{a,b,current}</c>.</summary>
    public required string Root { get; init; }

    /// <summary>The city's bundle signing public keys (two during a key rotation).</summary>
    public required IReadOnlyList<System.Security.Cryptography.ECDsa> TrustedKeys { get; init; }

    /// <summary>Client for bundles given by <c>url</c>; null refuses downloads (inline bundles still work).</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Load the installed model (<c>models/current</c>) at start instead of the configured one, when there is one.</summary>
    public bool LoadInstalledModel { get; init; } = true;
}
