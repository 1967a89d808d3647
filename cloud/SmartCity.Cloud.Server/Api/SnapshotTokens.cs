using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace SmartCity.Cloud.Server.Api;

/// <summary>
/// One-time upload tokens for calibration snapshots: an operator's <c>snapshot-request</c> issues one for one device; the
/// device presents it once with its upload. A token is 32 random bytes (64 hex digits), kept only as its SHA-256, valid
/// for <see cref="Lifetime"/>, and consumed by the first upload attempt that names its device, whatever that attempt's
/// outcome, so a token seen twice is always refused.
/// </summary>
internal sealed class SnapshotTokens
{
    /// <summary>How long a token stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Issued> _issued = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store.</summary>
    public SnapshotTokens(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Tokens issued and not yet used or purged.</summary>
    public int Outstanding => _issued.Count;

    /// <summary>A new token for <paramref name="device"/> and when it expires.</summary>
    public (string Token, DateTimeOffset Expires) Issue(string device)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        Purge();
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var expires = _time.GetUtcNow() + Lifetime;
        _issued[HashOf(token)] = new Issued(device, expires);
        return (token, expires);
    }

    /// <summary>
    /// Consumes <paramref name="token"/> for an upload to <paramref name="device"/>; false with the reason when it is
    /// unknown, already used, expired or issued for another device (the token is used up in the last two cases too).
    /// </summary>
    public bool TryConsume(string device, string? token, out string? problem)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 64)
        {
            problem = "the upload needs ?token= with the 64-character one-time token from the device's cmd/snapshot.";
            return false;
        }

        if (!_issued.TryRemove(HashOf(token), out var issued))
        {
            problem = "the token is unknown or was already used (each snapshot token is good for one upload); ask for a new snapshot.";
            return false;
        }

        if (issued.Device != device)
        {
            problem = $"the token was issued for device '{issued.Device}', not '{device}'; it is now used up.";
            return false;
        }

        if (_time.GetUtcNow() > issued.Expires)
        {
            problem = $"the token expired at {issued.Expires:u} ({Lifetime.TotalMinutes:F0} minutes after the request); ask for a new snapshot.";
            return false;
        }

        problem = null;
        return true;
    }

    private void Purge()
    {
        var now = _time.GetUtcNow();
        foreach (var (hash, issued) in _issued)
        {
            if (now > issued.Expires)
            {
                _issued.TryRemove(hash, out _);
            }
        }
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Issued(string Device, DateTimeOffset Expires);
}
