using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>Turns a received topic and payload into a validated <see cref="WirePayload"/>, or a dead-letter reason
/// and a detail that names the field. Never throws on bad input.</summary>
internal static class MessageClassifier
{
    private static readonly MessageKind[] UplinkKinds =
        [MessageKind.Traffic, MessageKind.Air, MessageKind.Health, MessageKind.Events, MessageKind.CommandResult, MessageKind.Status];

    public static bool TryClassify(string topic, ReadOnlySpan<byte> payload, [NotNullWhen(true)] out WirePayload? message,
        out string? device, out DeadLetterReason reason, [NotNullWhen(false)] out string? detail)
    {
        message = null;
        device = null;
        reason = default;
        if (!Topics.TryParse(topic, out var topicDevice, out var kind, out _) || kind == MessageKind.Command)
        {
            reason = DeadLetterReason.InvalidTopic;
            detail = $"topic '{topic}' is not an uplink topic of contract v1 (smartcity/v1/{{device}}/{{status|traffic|air|health|events|cmd-result}})";
            return false;
        }

        device = topicDevice;
        if (payload.Length > WireJson.MaxPayloadBytes)
        {
            reason = DeadLetterReason.Oversized;
            detail = $"{Topics.Segment(kind)} payload of {payload.Length} bytes exceeds the limit of {WireJson.MaxPayloadBytes} bytes";
            return false;
        }

        if (!WireJson.TryDeserialize(payload, kind, out var parsed, out var error))
        {
            reason = ClassifyParseFailure(payload, kind, out var otherKind);
            detail = reason == DeadLetterReason.KindMismatch
                ? $"payload is a {Topics.Segment(otherKind)} message on a {Topics.Segment(kind)} topic ({error})"
                : error;
            return false;
        }

        if (!string.Equals(parsed.Device, topicDevice, StringComparison.Ordinal))
        {
            reason = DeadLetterReason.DeviceMismatch;
            detail = $"topic device '{topicDevice}' does not match payload device '{parsed.Device}'";
            return false;
        }

        if (!WireValidator.TryValidate(topicDevice, parsed, out var invalid))
        {
            reason = DeadLetterReason.InvalidPayload;
            detail = invalid;
            return false;
        }

        message = parsed;
        detail = null;
        return true;
    }

    private static DeadLetterReason ClassifyParseFailure(ReadOnlySpan<byte> payload, MessageKind kind, out MessageKind otherKind)
    {
        otherKind = kind;
        if (TryPeekSchema(payload, out var schema) && !WireSchema.IsSupported(schema))
        {
            return DeadLetterReason.UnsupportedSchema;
        }

        // Failure path only: a payload that parses as another uplink kind was sent on the wrong topic.
        foreach (var other in UplinkKinds)
        {
            if (other != kind && WireJson.TryDeserialize(payload, other, out _, out _))
            {
                otherKind = other;
                return DeadLetterReason.KindMismatch;
            }
        }

        return DeadLetterReason.MalformedJson;
    }

    private static bool TryPeekSchema(ReadOnlySpan<byte> utf8, out int schema)
    {
        schema = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = WireJson.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSchema = reader.ValueTextEquals("schema"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isSchema)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out schema);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: malformed, not a schema question.
        }

        return false;
    }
}
