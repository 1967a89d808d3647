using System.Buffers;
using SmartCity.Contracts;

namespace SmartCity.Tools.Fuzz.Targets;

/// <summary>
/// The MQTT payload parser: <see cref="WireJson.TryDeserialize(ReadOnlySpan{byte}, MessageKind, out WirePayload?, out string?)"/>
/// for every <see cref="MessageKind"/>, then <see cref="WireValidator"/> on what it accepted. Every eighth input goes
/// through the multi-segment <see cref="ReadOnlySequence{T}"/> overload, split at a random point.
/// </summary>
public sealed class PayloadTarget : IFuzzTarget
{
    private static readonly MessageKind[] s_kinds = Enum.GetValues<MessageKind>();

    /// <inheritdoc/>
    public string Name => "payload";

    /// <inheritdoc/>
    public bool IsText => true;

    /// <inheritdoc/>
    public IReadOnlyList<byte[]> Seeds { get; } = BuildSeeds();

    /// <inheritdoc/>
    public string? Run(ReadOnlySpan<byte> input, int seedIndex, int random)
    {
        // Mostly the kind the seed was (the last seed is a no-data traffic summary); one in eight a random kind on purpose.
        MessageKind kind = seedIndex < 0 || random % 8 == 0
            ? s_kinds[(random >> 3) % s_kinds.Length]
            : seedIndex < s_kinds.Length ? s_kinds[seedIndex] : MessageKind.Traffic;
        bool ok;
        WirePayload? payload;
        string? error;
        if ((random >> 8) % 8 == 0 && input.Length > 1)
        {
            int split = 1 + ((random >> 11) % (input.Length - 1));
            ok = WireJson.TryDeserialize(Segments.Split(input.ToArray(), split), kind, out payload, out error);
        }
        else
        {
            ok = WireJson.TryDeserialize(input, kind, out payload, out error);
        }

        if (!ok)
        {
            if (payload is not null || string.IsNullOrEmpty(error))
            {
                throw new InvalidOperationException($"TryDeserialize returned false with payload={payload} error='{error}'");
            }

            return "parse: " + error;
        }

        if (payload is null || error is not null)
        {
            throw new InvalidOperationException("TryDeserialize returned true without a payload or with an error");
        }

        string? command = payload is CommandPayload c ? c.Name : null;
        if (!WireValidator.TryValidate(WireExamples.Device, payload, out string? reason, command))
        {
            if (string.IsNullOrEmpty(reason))
            {
                throw new InvalidOperationException("TryValidate returned false without a reason");
            }

            return "validate: " + reason;
        }

        // An accepted payload must serialize again (the cloud re-publishes and stores what it accepted).
        if (!WireJson.TrySerialize(payload, out byte[]? _, out string? again))
        {
            return "reserialize: " + again;
        }

        return null;
    }

    private static byte[][] BuildSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (MessageKind kind in s_kinds)
        {
            seeds.Add(WireJson.Serialize(WireExamples.For(kind)));
        }

        seeds.Add(WireJson.Serialize(WireExamples.TrafficNoData()));
        return [.. seeds];
    }
}
