using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SmartCity.Contracts;

/// <summary>
/// Reads and writes payloads as UTF-8 JSON through the source-generated <see cref="WireJsonContext"/>. Both sides
/// enforce <see cref="MaxPayloadBytes"/>: a writer refuses to produce a bigger message, a reader refuses one before
/// parsing a byte of it. Nothing here throws on bad input: failures come back as false and a reason.
/// </summary>
public static class WireJson
{
    /// <summary>Largest payload either side accepts, in bytes.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>Deepest JSON nesting read or written; payloads need 4, the rest is margin, not an invitation.</summary>
    public const int MaxDepth = 16;

    // One scratch buffer per thread: a message is serialized whole before its size is known, and only a message within
    // the limit may reach the caller's writer. A buffer that grew far past the limit is released, not kept.
    // Units such as "µg/m³" travel as UTF-8, not \u escapes: the payload is never embedded in HTML, and it is shorter.
    private static readonly JavaScriptEncoder WireEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    [ThreadStatic]
    private static PooledBufferWriter? t_scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Validates <paramref name="payload"/> (<see cref="WireValidator"/>, against its own device id), serializes it and
    /// appends the bytes to <paramref name="destination"/> only when they fit within <see cref="MaxPayloadBytes"/>.
    /// </summary>
    public static bool TrySerialize(WirePayload payload, IBufferWriter<byte> destination, out int bytesWritten, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(destination);
        bytesWritten = 0;
        if (!TrySerializeToScratch(payload, out PooledBufferWriter? scratch, out error))
        {
            return false;
        }

        ReadOnlySpan<byte> json = scratch.WrittenSpan;
        json.CopyTo(destination.GetSpan(json.Length));
        destination.Advance(json.Length);
        bytesWritten = json.Length;
        ReleaseOversizedScratch();
        return true;
    }

    /// <summary>As <see cref="TrySerialize(WirePayload, IBufferWriter{byte}, out int, out string?)"/>, into a new array.</summary>
    public static bool TrySerialize(WirePayload payload, [NotNullWhen(true)] out byte[]? utf8, [NotNullWhen(false)] out string? error)
    {
        utf8 = null;
        if (!TrySerializeToScratch(payload, out PooledBufferWriter? scratch, out error))
        {
            return false;
        }

        utf8 = scratch.WrittenSpan.ToArray();
        ReleaseOversizedScratch();
        return true;
    }

    /// <summary>
    /// Serializes a payload built at configuration time (a last will, a test fixture); throws an
    /// <see cref="ArgumentException"/> with the reason when it is invalid or too large.
    /// </summary>
    public static byte[] Serialize(WirePayload payload) =>
        TrySerialize(payload, out byte[]? utf8, out string? error)
            ? utf8
            : throw new ArgumentException($"Cannot serialize {payload?.GetType().Name ?? "null"}: {error}", nameof(payload));

    /// <summary>
    /// Parses a payload of <paramref name="kind"/> (from the topic). False with a reason for an oversized, empty,
    /// malformed or wrongly typed document, a missing required member, or a schema version this reader does not know.
    /// Does not run <see cref="WireValidator"/>: the caller validates with the topic's device id.
    /// </summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8, MessageKind kind, [NotNullWhen(true)] out WirePayload? payload, [NotNullWhen(false)] out string? error)
    {
        payload = null;
        if (!Enum.IsDefined(kind))
        {
            error = $"unknown message kind {(int)kind}";
            return false;
        }

        if (utf8.Length > MaxPayloadBytes)
        {
            error = $"{Topics.Segment(kind)} payload of {utf8.Length} bytes exceeds the limit of {MaxPayloadBytes} bytes";
            return false;
        }

        if (utf8.IsEmpty)
        {
            error = $"{Topics.Segment(kind)} payload is empty";
            return false;
        }

        // Traffic and air summaries are nearly all of the volume: a hand-written reader takes the documents it is sure
        // of and gives the same record as the serializer; whatever it does not take, the serializer reads (and names
        // the error).
        if (WireSummaryReader.TryRead(utf8, kind, out payload))
        {
            error = null;
            return true;
        }

        try
        {
            payload = kind switch
            {
                MessageKind.Status => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.StatusPayload),
                MessageKind.Traffic => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.TrafficSummaryPayload),
                MessageKind.Air => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.AirSummaryPayload),
                MessageKind.Health => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.HealthPayload),
                MessageKind.Events => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.CrossingEventsPayload),
                MessageKind.Command => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.CommandPayload),
                _ => JsonSerializer.Deserialize(utf8, WireJsonContext.Default.CommandResultPayload),
            };
        }
        catch (JsonException ex)
        {
            error = DescribeFailure(utf8, kind, ex.Message);
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // Invalid UTF-8 inside a string surfaces as InvalidOperationException from the transcoder.
            error = DescribeFailure(utf8, kind, ex.Message);
            return false;
        }

        if (payload is null)
        {
            error = $"{Topics.Segment(kind)} payload is JSON null";
            return false;
        }

        if (!WireSchema.IsSupported(payload.Schema))
        {
            error = UnsupportedSchema(kind, payload.Schema);
            payload = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>As <see cref="TryDeserialize(ReadOnlySpan{byte}, MessageKind, out WirePayload?, out string?)"/> for an MQTT payload sequence.</summary>
    public static bool TryDeserialize(in ReadOnlySequence<byte> utf8, MessageKind kind, [NotNullWhen(true)] out WirePayload? payload, [NotNullWhen(false)] out string? error)
    {
        if (utf8.IsSingleSegment)
        {
            return TryDeserialize(utf8.FirstSpan, kind, out payload, out error);
        }

        if (utf8.Length > MaxPayloadBytes)
        {
            payload = null;
            error = $"{Topics.Segment(kind)} payload of {utf8.Length} bytes exceeds the limit of {MaxPayloadBytes} bytes";
            return false;
        }

        int length = (int)utf8.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            utf8.CopyTo(rented);
            return TryDeserialize(rented.AsSpan(0, length), kind, out payload, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Typed form: parses a <typeparamref name="T"/>; false when the bytes are not one.</summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out T? payload, [NotNullWhen(false)] out string? error)
        where T : WirePayload
    {
        payload = null;
        if (!TryGetKind(typeof(T), out MessageKind kind))
        {
            error = $"{typeof(T).Name} is not a wire payload type";
            return false;
        }

        if (!TryDeserialize(utf8, kind, out WirePayload? any, out error))
        {
            return false;
        }

        payload = (T)any;
        return true;
    }

    /// <summary>Serializes with indentation, for documentation and logs; not for the wire.</summary>
    internal static string SerializeIndented(WirePayload payload)
    {
        var options = new JsonSerializerOptions(WireJsonContext.Default.Options) { WriteIndented = true, Encoder = WireEncoder };
        return JsonSerializer.Serialize(payload, options.GetTypeInfo(payload.GetType()));
    }

    private static bool TrySerializeToScratch(WirePayload payload, [NotNullWhen(true)] out PooledBufferWriter? scratch, [NotNullWhen(false)] out string? error)
    {
        scratch = null;
        if (payload is null)
        {
            error = "payload is null";
            return false;
        }

        if (!WireValidator.TryValidate(payload.Device, payload, out error))
        {
            return false;
        }

        PooledBufferWriter buffer = t_scratch ??= new PooledBufferWriter();
        buffer.Clear();
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = MaxDepth, Encoder = WireEncoder });
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, payload, TypeInfo(payload));
        writer.Flush();

        if (buffer.WrittenCount > MaxPayloadBytes)
        {
            error = $"{Topics.Segment(payload.Kind)} payload of {buffer.WrittenCount} bytes exceeds the limit of {MaxPayloadBytes} bytes";
            ReleaseOversizedScratch();
            return false;
        }

        scratch = buffer;
        error = null;
        return true;
    }

    private static JsonTypeInfo TypeInfo(WirePayload payload) => payload switch
    {
        StatusPayload => WireJsonContext.Default.StatusPayload,
        TrafficSummaryPayload => WireJsonContext.Default.TrafficSummaryPayload,
        AirSummaryPayload => WireJsonContext.Default.AirSummaryPayload,
        HealthPayload => WireJsonContext.Default.HealthPayload,
        CrossingEventsPayload => WireJsonContext.Default.CrossingEventsPayload,
        CommandPayload => WireJsonContext.Default.CommandPayload,
        CommandResultPayload => WireJsonContext.Default.CommandResultPayload,
        _ => throw new ArgumentException($"{payload.GetType().Name} is not a wire payload type of contract v1.", nameof(payload)),
    };

    private static bool TryGetKind(Type type, out MessageKind kind)
    {
        kind = type == typeof(StatusPayload) ? MessageKind.Status
            : type == typeof(TrafficSummaryPayload) ? MessageKind.Traffic
            : type == typeof(AirSummaryPayload) ? MessageKind.Air
            : type == typeof(HealthPayload) ? MessageKind.Health
            : type == typeof(CrossingEventsPayload) ? MessageKind.Events
            : type == typeof(CommandPayload) ? MessageKind.Command
            : type == typeof(CommandResultPayload) ? MessageKind.CommandResult
            : (MessageKind)(-1);
        return Enum.IsDefined(kind);
    }

    private static void ReleaseOversizedScratch()
    {
        if (t_scratch is { Capacity: > 2 * MaxPayloadBytes })
        {
            t_scratch.Dispose();
            t_scratch = null;
            t_writer?.Dispose();
            t_writer = null;
        }
    }

    // A document of a newer schema may fail to bind to the v1 shape; say "unsupported schema" rather than a type error.
    private static string DescribeFailure(ReadOnlySpan<byte> utf8, MessageKind kind, string detail)
    {
        string segment = Topics.Segment(kind);
        return TryPeekSchema(utf8, out int schema) && !WireSchema.IsSupported(schema)
            ? UnsupportedSchema(kind, schema)
            : $"malformed {segment} payload: {detail}";
    }

    private static string UnsupportedSchema(MessageKind kind, int schema) =>
        $"{Topics.Segment(kind)} payload has schema version {schema}; this reader supports {WireSchema.Version}";

    private static bool TryPeekSchema(ReadOnlySpan<byte> utf8, out int schema)
    {
        schema = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isSchema = reader.ValueTextEquals("schema"u8);
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
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The document is broken before a schema member was found (a bad token, or a property name with an
            // unpaired surrogate escape that cannot be compared): the caller reports the original failure.
        }

        return false;
    }
}
