using System.Text;
using CsCheck;
using Xunit;

namespace SmartCity.Contracts.Tests;

/// <summary>
/// Whatever bytes arrive on a topic, the reader answers true or false with a reason, and the validator answers for
/// whatever the reader accepted; no exception escapes either. Three generators: raw bytes, JSON-ish token soup, and
/// real messages with a few bytes mutated (the last reach deep into the binder, where the interesting failures are).
/// </summary>
public sealed class WireJsonPropertyTests
{
    private static readonly MessageKind[] s_kinds = Enum.GetValues<MessageKind>();

    private static readonly byte[][] s_examples = Array.ConvertAll(s_kinds, k => WireJson.Serialize(WireExamples.For(k)));

    private static readonly Gen<byte[]> s_rawBytes = Gen.Byte.Array[0, 200];

    private static readonly Gen<byte[]> s_tokenSoup = Gen.OneOf(
            Gen.OneOf<string>("{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "0", "-1", "1e400", "1.5", "\"schema\"",
                "\"device\"", "\"seq\"", "\"ts\"", "\"interval_s\"", "\"lines\"", "\"status\"", "\"no_data\"", "\"lamp-0042\"",
                "\"2025-05-14T08:15:00Z\"", "\"\\u0000\"", "\"\\ud800\"", " ", "\n"),
            Gen.String[0, 6].Select(s => $"\"{s}\""))
        .Array[0, 60]
        .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    private static readonly Gen<byte[]> s_mutatedExamples =
        Gen.Select(Gen.Int[0, s_kinds.Length - 1], Gen.Select(Gen.Int[0, 4096], Gen.Byte, Gen.Int[0, 3]).Array[1, 4])
            .Select((example, edits) => Mutate(s_examples[example], edits));

    [Fact]
    public void Reader_and_validator_never_throw_on_100k_random_inputs()
    {
        long accepted = 0;
        Gen.Select(Gen.Frequency((1, s_rawBytes), (1, s_tokenSoup), (2, s_mutatedExamples)), Gen.Int[0, s_kinds.Length - 1]).Sample(
            (bytes, kindIndex) =>
            {
                MessageKind kind = s_kinds[kindIndex];
                if (WireJson.TryDeserialize(bytes, kind, out WirePayload? payload, out string? error))
                {
                    Assert.Null(error);
                    WireValidationResult result = WireValidator.Validate(WireExamples.Device, payload);
                    Assert.True(result.IsValid || result.Reason is { Length: > 0 });
                    accepted++;
                }
                else
                {
                    Assert.Null(payload);
                    Assert.False(string.IsNullOrEmpty(error));
                }
            },
            iter: 120_000,
            threads: 1);

        // Mutated real messages are often still valid JSON of the right shape: the binder and validator were reached.
        Assert.True(accepted > 1000, $"only {accepted} inputs reached the validator");
    }

    [Fact]
    public void Every_truncation_of_every_example_is_refused_without_throwing()
    {
        foreach (MessageKind kind in s_kinds)
        {
            byte[] json = s_examples[(int)kind];
            for (int length = 0; length < json.Length; length++)
            {
                Assert.False(WireJson.TryDeserialize(json.AsSpan(0, length), kind, out _, out string? error), $"{kind} cut at {length}");
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }

    private static byte[] Mutate(byte[] json, (int At, byte Value, int Op)[] edits)
    {
        var bytes = new List<byte>(json);
        foreach ((int at, byte value, int op) in edits)
        {
            int i = at % (bytes.Count + 1);
            switch (op)
            {
                case 0 when i < bytes.Count: bytes[i] = value; break;
                case 1: bytes.Insert(i, value); break;
                case 2 when i < bytes.Count: bytes.RemoveAt(i); break;
                default:
                    // Swap a digit for another digit: keeps the JSON well-formed and moves numbers out of range.
                    if (i < bytes.Count && bytes[i] is >= (byte)'0' and <= (byte)'9')
                    {
                        bytes[i] = (byte)('0' + (value % 10));
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
