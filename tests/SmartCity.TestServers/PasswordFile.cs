using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartCity.TestServers;

/// <summary>
/// Writes Mosquitto 2.x password files without running <c>mosquitto_passwd</c> once per user (a bench has thousands):
/// the <c>$7$</c> format is PBKDF2-HMAC-SHA512 with 101 iterations, a 12-byte salt and a 64-byte hash, both base64.
/// </summary>
public static class PasswordFile
{
    private const int Iterations = 101;

    /// <summary>One line <c>user:$7$101$salt$hash</c> for <paramref name="user"/>.</summary>
    public static string Line(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains(':', StringComparison.Ordinal) || user.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Mosquitto user name '{user}' must not contain ':' or a line break.", nameof(user));
        }

        Span<byte> salt = stackalloc byte[12];
        RandomNumberGenerator.Fill(salt);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, 64);
        return string.Create(CultureInfo.InvariantCulture, $"{user}:$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Writes a password file with every user of <paramref name="users"/>.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, string>> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var text = new StringBuilder();
        foreach (KeyValuePair<string, string> user in users)
        {
            text.Append(Line(user.Key, user.Value)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
