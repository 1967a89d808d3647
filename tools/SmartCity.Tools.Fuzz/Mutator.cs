using System.Globalization;
using System.Text;

namespace SmartCity.Tools.Fuzz;

/// <summary>
/// Structure-aware mutation: starts from a valid seed and applies 1–8 edits — bit flips, interesting bytes, inserted or
/// deleted or duplicated ranges, numbers and strings and JSON tokens swapped for edge cases, deep nesting, splices with
/// another seed — or, for one input in ten, produces pure random bytes.
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] s_interestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x42, 0x4D, 0xAA, 0xAB, 0xC0, 0xFF, 0x86, 0x60, (byte)'"', (byte)'\\', (byte)'{', (byte)'['];

    private static readonly string[] s_numbers =
    [
        "0", "-0", "-1", "1", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "1e308", "1e309", "-1e309", "1e-400", "0.5", "1.5e3", "NaN", "Infinity",
        "-Infinity", "00", "01", "1.", ".5", "1e", "--1", "0x10", "99999999999999999999999999999999",
    ];

    private static readonly string[] s_strings =
    [
        "\"\"", "\"a\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\\"\"", "\"\\\\\"", "\"2025-05-14T08:15:00Z\"",
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59+14:00\"", "\"2025-02-30T00:00:00Z\"", "\"lamp-0042\"", "\"LAMP\"", "\"a-\"",
        "\"../../etc/passwd\"", "\"\u00e9\u00e8\"", "\"\ud83d\ude00\"", "\"" + new string('x', 300) + "\"", "\"" + new string('x', 5000) + "\"",
        "\"\\u00\"", "\"\\x41\"",
    ];

    private static readonly string[] s_tokens =
    [
        "{", "}", "[", "]", ",", ":", "null", "true", "false", "{}", "[]", "\"x\":", "\"schema\":", "\"device\":", "\"seq\":",
        "\"ts\":", "\"kind\":", "\"Type\":", "\"Sensors\":", "\"Items\":", "/*c*/", "//c\n", " ", "\n", "\t", "\"$type\":", "\"$id\":\"1\"", "\"$ref\":\"1\"",
    ];

    private static readonly byte[][] s_invalidUtf8 = [[0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF, 0xFE], [0xC0, 0xAF], [0xEF, 0xBB, 0xBF]];

    private readonly Random _rng;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly bool _text;
    private readonly List<byte> _buffer = new(8192);

    /// <summary>Creates a mutator over <paramref name="seeds"/>; <paramref name="text"/> enables JSON-aware edits.</summary>
    public Mutator(Random rng, IReadOnlyList<byte[]> seeds, bool text)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("at least one seed is needed", nameof(seeds));
        }

        _rng = rng;
        _seeds = seeds;
        _text = text;
    }

    /// <summary>Seed the last input was derived from; -1 for pure random bytes.</summary>
    public int LastSeedIndex { get; private set; } = -1;

    /// <summary>Produces the next input.</summary>
    public byte[] Next()
    {
        int roll = _rng.Next(100);
        if (roll < 10)
        {
            LastSeedIndex = -1;
            byte[] random = new byte[_rng.Next(0, 513)];
            _rng.NextBytes(random);
            return random;
        }

        _buffer.Clear();
        LastSeedIndex = _rng.Next(_seeds.Count);
        _buffer.AddRange(_seeds[LastSeedIndex]);
        if (roll < 12)
        {
            return [.. _buffer];
        }

        int edits = 1 + _rng.Next(_rng.Next(2) == 0 ? 2 : 8);
        for (int i = 0; i < edits; i++)
        {
            MutateOnce();
        }

        return [.. _buffer];
    }

    private void MutateOnce()
    {
        int n = _buffer.Count;
        int choice = _rng.Next(_text ? 16 : 10);
        switch (choice)
        {
            case 0 when n > 0: // flip one bit
                int at = _rng.Next(n);
                _buffer[at] ^= (byte)(1 << _rng.Next(8));
                break;
            case 1 when n > 0: // one random or interesting byte
                _buffer[_rng.Next(n)] = _rng.Next(2) == 0 ? (byte)_rng.Next(256) : s_interestingBytes[_rng.Next(s_interestingBytes.Length)];
                break;
            case 2: // insert random bytes
                byte[] extra = new byte[1 + _rng.Next(16)];
                _rng.NextBytes(extra);
                _buffer.InsertRange(_rng.Next(n + 1), extra);
                break;
            case 3 when n > 0: // delete a range
                int start = _rng.Next(n);
                _buffer.RemoveRange(start, 1 + _rng.Next(Math.Min(n - start, 64)));
                break;
            case 4 when n > 0: // duplicate a range (repeated fields, doubled frames)
                int from = _rng.Next(n);
                int len = 1 + _rng.Next(Math.Min(n - from, 64));
                _buffer.InsertRange(_rng.Next(n + 1), _buffer.GetRange(from, len));
                break;
            case 5 when n > 0: // truncate
                int cut = _rng.Next(n);
                _buffer.RemoveRange(cut, n - cut);
                break;
            case 6: // splice with another seed
                byte[] other = _seeds[_rng.Next(_seeds.Count)];
                int keep = _rng.Next(n + 1);
                _buffer.RemoveRange(keep, n - keep);
                _buffer.AddRange(other.AsSpan(_rng.Next(other.Length + 1)).ToArray());
                break;
            case 7 when n > 1: // a length or count field: set a 16-bit word big- or little-endian to an edge value
                int w = _rng.Next(n - 1);
                ushort value = (ushort)(_rng.Next(4) switch { 0 => 0, 1 => 0xFFFF, 2 => 0x8000, _ => _rng.Next(65536) });
                _buffer[w] = (byte)(value >> 8);
                _buffer[w + 1] = (byte)value;
                break;
            case 8 when n > 0: // arithmetic on a byte
                int b = _rng.Next(n);
                _buffer[b] = (byte)(_buffer[b] + _rng.Next(-16, 17));
                break;
            case 9: // append or prepend a seed (two frames back to back, garbage before a frame)
                byte[] seed = _seeds[_rng.Next(_seeds.Count)];
                _buffer.InsertRange(_rng.Next(2) == 0 ? 0 : n, seed);
                break;
            case 10: // replace a number
                ReplaceToken(IsNumberByte, s_numbers[_rng.Next(s_numbers.Length)]);
                break;
            case 11: // replace a string
                ReplaceString(s_strings[_rng.Next(s_strings.Length)]);
                break;
            case 12: // insert a JSON token
                Insert(Encoding.UTF8.GetBytes(s_tokens[_rng.Next(s_tokens.Length)]));
                break;
            case 13: // deep nesting
                int depth = 1 + _rng.Next(_rng.Next(2) == 0 ? 8 : 200);
                string open = _rng.Next(2) == 0 ? "[" : "{\"a\":";
                Insert(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth))));
                break;
            case 14: // invalid UTF-8
                Insert(s_invalidUtf8[_rng.Next(s_invalidUtf8.Length)]);
                break;
            case 15: // a random number with many digits or an exponent
                ReplaceToken(IsNumberByte, _rng.Next(3) switch
                {
                    0 => _rng.NextInt64().ToString(CultureInfo.InvariantCulture),
                    1 => (_rng.NextDouble() * Math.Pow(10, _rng.Next(-30, 30))).ToString("R", CultureInfo.InvariantCulture),
                    _ => "-" + _rng.Next().ToString(CultureInfo.InvariantCulture),
                });
                break;
            default:
                byte[] bytes = new byte[1 + _rng.Next(8)];
                _rng.NextBytes(bytes);
                _buffer.AddRange(bytes);
                break;
        }
    }

    private static bool IsNumberByte(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+';

    private void Insert(byte[] bytes) => _buffer.InsertRange(_rng.Next(_buffer.Count + 1), bytes);

    private void ReplaceToken(Func<byte, bool> inToken, string replacement)
    {
        int n = _buffer.Count;
        if (n == 0)
        {
            Insert(Encoding.UTF8.GetBytes(replacement));
            return;
        }

        // Find a token start from a random position (wrapping once).
        int start = _rng.Next(n);
        for (int k = 0; k < n && !(inToken(_buffer[start]) && char.IsAsciiDigit((char)_buffer[start])); k++)
        {
            start = (start + 1) % n;
        }

        while (start > 0 && inToken(_buffer[start - 1]))
        {
            start--;
        }

        int end = start;
        while (end < n && inToken(_buffer[end]))
        {
            end++;
        }

        _buffer.RemoveRange(start, end - start);
        _buffer.InsertRange(start, Encoding.UTF8.GetBytes(replacement));
    }

    private void ReplaceString(string replacement)
    {
        int n = _buffer.Count;
        int start = n == 0 ? -1 : _buffer.IndexOf((byte)'"', _rng.Next(n));
        if (start < 0)
        {
            Insert(Encoding.UTF8.GetBytes(replacement));
            return;
        }

        int end = _buffer.IndexOf((byte)'"', start + 1);
        if (end < 0)
        {
            end = n - 1;
        }

        _buffer.RemoveRange(start, end - start + 1);
        _buffer.InsertRange(start, Encoding.UTF8.GetBytes(replacement));
    }
}
