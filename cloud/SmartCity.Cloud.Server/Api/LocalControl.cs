using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmartCity.Cloud.Server.Api;

/// <summary>
/// How the <c>smartcity-server token|push|rollback</c> commands reach a running server without the dashboard: at start
/// the server writes <c>control.json</c> (its URL and a random secret, mode 0600) into the data folder; a command run
/// by a user who can read that file sends the secret in <see cref="Header"/>. Like a Unix socket's permissions, access
/// to the data folder is the credential.
/// </summary>
internal sealed class LocalControl
{
    /// <summary>Request header carrying the secret.</summary>
    public const string Header = "X-SmartCity-Control";

    /// <summary>File name in the data folder.</summary>
    public const string FileName = "control.json";

    private readonly byte[] _secret;

    private LocalControl(string secret, Uri url)
    {
        Secret = secret;
        Url = url;
        _secret = Encoding.ASCII.GetBytes(secret);
    }

    /// <summary>The secret.</summary>
    public string Secret { get; }

    /// <summary>The server's HTTP base URL.</summary>
    public Uri Url { get; }

    /// <summary>A new secret (not yet written).</summary>
    public static LocalControl Create() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), new Uri("http://127.0.0.1/"));

    /// <summary>True when <paramref name="request"/> carries the secret (constant-time comparison).</summary>
    public bool IsAuthorized(HttpRequest request) =>
        request.Headers.TryGetValue(Header, out var value) && value.Count == 1 && value[0] is { } text
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(text), _secret);

    /// <summary>Writes <c>control.json</c> (mode 0600, created so from the start) with the URL the server listens on.</summary>
    public void Write(string dataFolder, Uri url)
    {
        string path = Path.Combine(dataFolder, FileName);
        string temp = path + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("url", url.ToString());
            json.WriteString("secret", Secret);
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Removes <c>control.json</c> (clean stop).</summary>
    public static void Remove(string dataFolder) => File.Delete(Path.Combine(dataFolder, FileName));

    /// <summary>Reads <c>control.json</c> of <paramref name="dataFolder"/>; null when the server is not running there.</summary>
    public static LocalControl? Read(string dataFolder)
    {
        string path = Path.Combine(dataFolder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return new LocalControl(doc.RootElement.GetProperty("secret").GetString()!, new Uri(doc.RootElement.GetProperty("url").GetString()!));
    }
}
