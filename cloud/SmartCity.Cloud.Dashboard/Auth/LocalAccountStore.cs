using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace SmartCity.Cloud.Dashboard.Auth;

/// <summary>
/// Local accounts in a JSON file in the data folder (<c>auth/accounts.json</c>), passwords hashed with ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2). Every change rewrites the file atomically.
/// </summary>
public sealed class LocalAccountStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly PasswordHasher<LocalAccount> _hasher = new();
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly int _minPasswordLength;
    private readonly string _dummyHash;
    private List<LocalAccount> _accounts;

    /// <summary>Opens (or starts) the account file under <paramref name="dataDirectory"/>.</summary>
    public LocalAccountStore(string dataDirectory, int minPasswordLength = 12)
    {
        _path = Path.Combine(dataDirectory, "auth", "accounts.json");
        _minPasswordLength = minPasswordLength;
        _accounts = Load(_path);
        _dummyHash = _hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>The account file.</summary>
    public string FilePath => _path;

    /// <summary>All accounts, by name.</summary>
    public IReadOnlyList<LocalAccount> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _accounts.OrderBy(a => a.UserName, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>True for 2–64 characters of letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidUserName(string? name) =>
        name is { Length: >= 2 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The account, or null.</summary>
    public LocalAccount? Find(string userName)
    {
        lock (_lock)
        {
            return _accounts.Find(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The account when the password matches; null otherwise (unknown names cost the same time as wrong passwords).</summary>
    public LocalAccount? Verify(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        LocalAccount? account = Find(userName);
        if (account is null)
        {
            _hasher.VerifyHashedPassword(null!, _dummyHash, password);
            return null;
        }

        PasswordVerificationResult result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            Replace(account, account with { PasswordHash = _hasher.HashPassword(account, password) });
        }

        return result == PasswordVerificationResult.Failed ? null : account;
    }

    /// <summary>Why <paramref name="password"/> is not acceptable, or null when it is.</summary>
    public string? CheckPassword(string? password) =>
        password is null || password.Length < _minPasswordLength ? $"The password must have at least {_minPasswordLength} characters."
        : password.Length > 256 ? "The password must have at most 256 characters."
        : null;

    /// <summary>Creates an account; throws <see cref="ArgumentException"/> with a message for the page when refused.</summary>
    public LocalAccount Create(string userName, string role, string password, bool mustChangePassword = false)
    {
        if (!IsValidUserName(userName))
        {
            throw new ArgumentException($"The user name '{userName}' must be 2–64 letters, digits, '.', '_' or '-'.", nameof(userName));
        }

        if (!DashboardRoles.IsKnown(role))
        {
            throw new ArgumentException($"The role '{role}' is not '{DashboardRoles.Operator}' or '{DashboardRoles.Admin}'.", nameof(role));
        }

        if (CheckPassword(password) is { } why)
        {
            throw new ArgumentException(why, nameof(password));
        }

        lock (_lock)
        {
            if (_accounts.Exists(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"An account named '{userName}' exists already.", nameof(userName));
            }

            var account = new LocalAccount(userName, role, "", DateTimeOffset.UtcNow, mustChangePassword);
            account = account with { PasswordHash = _hasher.HashPassword(account, password) };
            var next = new List<LocalAccount>(_accounts) { account };
            Save(next);
            return account;
        }
    }

    /// <summary>Sets a new password (and clears the one-time flag); throws <see cref="ArgumentException"/> when refused.</summary>
    public LocalAccount SetPassword(string userName, string newPassword)
    {
        if (CheckPassword(newPassword) is { } why)
        {
            throw new ArgumentException(why, nameof(newPassword));
        }

        LocalAccount account = Find(userName) ?? throw new ArgumentException($"There is no account '{userName}'.", nameof(userName));
        var updated = account with { PasswordHash = _hasher.HashPassword(account, newPassword), MustChangePassword = false };
        Replace(account, updated);
        return updated;
    }

    /// <summary>Deletes an account; false when it did not exist. The last admin cannot be deleted.</summary>
    public bool Delete(string userName)
    {
        lock (_lock)
        {
            LocalAccount? account = _accounts.Find(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase));
            if (account is null)
            {
                return false;
            }

            if (account.Role == DashboardRoles.Admin && _accounts.Count(a => a.Role == DashboardRoles.Admin) == 1)
            {
                throw new ArgumentException("The last admin account cannot be deleted.", nameof(userName));
            }

            Save([.. _accounts.Where(a => !ReferenceEquals(a, account))]);
            return true;
        }
    }

    /// <summary>
    /// On the first start (no account yet) creates the admin: with <paramref name="password"/> when given, else with a
    /// random one-time password that is returned (to be printed once) and must be changed at the first sign-in.
    /// Returns null when accounts exist already or the password was given.
    /// </summary>
    public string? EnsureInitialAdmin(string userName, string? password)
    {
        lock (_lock)
        {
            if (_accounts.Count > 0)
            {
                return null;
            }

            if (password is not null)
            {
                Create(userName, DashboardRoles.Admin, password);
                return null;
            }

            // 18 random bytes → 24 URL-safe characters (144 bits).
            string generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            Create(userName, DashboardRoles.Admin, generated, mustChangePassword: true);
            return generated;
        }
    }

    private void Replace(LocalAccount old, LocalAccount updated)
    {
        lock (_lock)
        {
            int i = _accounts.FindIndex(a => string.Equals(a.UserName, old.UserName, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                return;
            }

            var next = new List<LocalAccount>(_accounts) { [i] = updated };
            Save(next);
        }
    }

    private void Save(List<LocalAccount> next)
    {
        AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(next, Json));
        _accounts = next;
    }

    private static List<LocalAccount> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<LocalAccount>>(File.ReadAllText(path), Json) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path}: the account file is not valid JSON ({ex.Message}); fix or remove it.", ex);
        }
    }
}
