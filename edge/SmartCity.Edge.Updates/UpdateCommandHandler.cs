using System.Buffers;
using SmartCity.Contracts;

namespace SmartCity.Edge.Updates;

/// <summary>
/// Handles the update commands that arrive on <c>cmd/{name}</c>: <c>config</c> and <c>model</c> (argument
/// <c>url</c>: an http(s) address the device downloads the bundle from, or <c>bundle</c>: the bundle inline as
/// base64 for small configuration bundles) and <c>rollback</c> (argument <c>kind</c>). Transport is not trusted:
/// the signature is what counts, so plain http is accepted. The caller publishes
/// <see cref="UpdateResult.ToCommandResult"/> on <c>cmd-result</c>.
/// </summary>
public sealed class UpdateCommandHandler
{
    /// <summary>Command names this handler answers.</summary>
    public static readonly IReadOnlySet<string> CommandNames = new HashSet<string>(StringComparer.Ordinal) { "config", "model", "rollback" };

    private readonly IReadOnlyDictionary<BundleKind, UpdateInstaller> _installers;
    private readonly HttpClient? _http;
    private readonly string _downloadFolder;

    /// <summary>Creates the handler.</summary>
    /// <param name="installers">One installer per kind the device accepts.</param>
    /// <param name="downloadFolder">Where bundles are stored while they are installed (deleted after).</param>
    /// <param name="http">Client for <c>url</c> downloads; null refuses them.</param>
    public UpdateCommandHandler(IReadOnlyDictionary<BundleKind, UpdateInstaller> installers, string downloadFolder, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(installers);
        ArgumentException.ThrowIfNullOrEmpty(downloadFolder);
        _installers = installers;
        _downloadFolder = downloadFolder;
        _http = http;
    }

    /// <summary>Largest bundle downloaded.</summary>
    public long MaxDownloadBytes { get; init; } = BundleFormat.MaxFileBytes;

    /// <summary>True when <paramref name="name"/> is one of <see cref="CommandNames"/>.</summary>
    public static bool Handles(string name) => CommandNames.Contains(name);

    /// <summary>Runs the command; never throws for bad arguments, bad bundles or failing downloads.</summary>
    public async Task<UpdateResult> HandleAsync(CommandPayload command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var args = command.Args ?? new Dictionary<string, string>();
        if (command.Name == "rollback")
        {
            if (!args.TryGetValue("kind", out string? kindName) || !BundleKinds.TryParse(kindName, out var rollbackKind) || !_installers.TryGetValue(rollbackKind, out var target))
            {
                return BadArguments(BundleKind.Model, $"rollback needs argument kind = {string.Join(" or ", _installers.Keys.Select(k => k.ToName()))}.");
            }

            return await target.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!BundleKinds.TryParse(command.Name, out var kind) || !_installers.TryGetValue(kind, out var installer))
        {
            return BadArguments(BundleKind.Model, $"command '{command.Name}' is not an update this device accepts.");
        }

        Directory.CreateDirectory(_downloadFolder);
        string path = Path.Combine(_downloadFolder, $"{command.RequestId.GetHashCode(StringComparison.Ordinal):x8}-{Guid.NewGuid():N}.scb");
        try
        {
            string? problem = args.TryGetValue("bundle", out string? inline) ? await WriteInlineAsync(inline, path, cancellationToken).ConfigureAwait(false)
                : args.TryGetValue("url", out string? url) ? await DownloadAsync(url, path, cancellationToken).ConfigureAwait(false)
                : $"{kind.ToName()} needs argument url (bundle address) or bundle (base64).";
            if (problem is not null)
            {
                return BadArguments(kind, problem);
            }

            return await installer.InstallAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string?> WriteInlineAsync(string base64, string path, CancellationToken cancellationToken)
    {
        byte[] bytes = ArrayPool<byte>.Shared.Rent(base64.Length * 3 / 4 + 3);
        try
        {
            if (!Convert.TryFromBase64String(base64, bytes, out int written))
            {
                return "argument bundle is not valid base64.";
            }

            await File.WriteAllBytesAsync(path, bytes.AsMemory(0, written).ToArray(), cancellationToken).ConfigureAwait(false);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private async Task<string?> DownloadAsync(string url, string path, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"argument url '{url}' is not an http(s) address.";
        }

        if (_http is null)
        {
            return "this device does not download bundles (no HTTP client configured).";
        }

        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return $"download of {uri} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.";
            }

            if (response.Content.Headers.ContentLength > MaxDownloadBytes)
            {
                return $"download of {uri}: {response.Content.Headers.ContentLength} bytes, more than the {MaxDownloadBytes} allowed.";
            }

            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > MaxDownloadBytes)
                    {
                        return $"download of {uri} is larger than the {MaxDownloadBytes} bytes allowed.";
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return null;
        }
        catch (HttpRequestException ex)
        {
            return $"download of {uri} failed: {ex.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"download of {uri} timed out.";
        }
    }

    private UpdateResult BadArguments(BundleKind kind, string message) => new()
    {
        Kind = kind,
        Outcome = CommandOutcome.Rejected,
        ActiveVersion = _installers.TryGetValue(kind, out var installer) ? installer.Store.ReadState().ActiveVersion : 0,
        Message = message,
    };
}
