using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SmartCity.Contracts.Tests;

/// <summary>
/// The hand-written traffic/air reader against the source-generated serializer: whatever the fast reader accepts must
/// give the record the serializer gives (compared by serializing both), and whatever the serializer refuses the fast
/// reader must refuse too. Checked on the examples and on thousands of mutated documents.
/// </summary>
public sealed class WireSummaryReaderTests
{
    private static readonly WirePayload[] Seeds =
    [
        WireExamples.Traffic(),
        WireExamples.TrafficNoData(),
        WireExamples.Air(),
        WireExamples.Traffic() with { Status = TrafficIntervalStatus.Partial, Reason = "camera \"north\" \\ restarted \u00e9", Lines = [], Movements = null, Zones = [] },
        WireExamples.Air() with { Quantities = [] },
    ];

    public static TheoryData<int> SeedIndexes => new(Enumerable.Range(0, Seeds.Length));

    [Theory]
    [MemberData(nameof(SeedIndexes))]
    public void Takes_the_examples_and_gives_the_serializers_record(int index)
    {
        WirePayload seed = Seeds[index];
        byte[] json = WireJson.Serialize(seed);

        Assert.True(WireSummaryReader.TryRead(json, seed.Kind, out WirePayload? fast));

        Assert.Equal(Canonical(seed), Canonical(fast));
        Assert.Equal(Canonical(SerializerRead(json, seed.Kind)!), Canonical(fast));
    }

    [Fact]
    public void Takes_members_in_any_order_and_escaped_names()
    {
        byte[] json = WireJson.Serialize(WireExamples.Traffic());
        JsonObject shuffled = Shuffle(JsonNode.Parse(json)!.AsObject(), new Random(7));
        string text = shuffled.ToJsonString().Replace("\"device\"", "\"dev\\u0069ce\"", StringComparison.Ordinal);

        Assert.True(WireSummaryReader.TryRead(Encoding.UTF8.GetBytes(text), MessageKind.Traffic, out WirePayload? fast));
        Assert.Equal(Canonical(WireExamples.Traffic()), Canonical(fast));
    }

    [Theory]
    [InlineData("""{"schema":1,"device":"lamp-0042","seq":1,"seq":2,"ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[]}""")]
    [InlineData("""{"schema":1,"device":"lamp-0042","seq":1,"ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[],"extra":1}""")]
    [InlineData("""{"schema":2,"device":"lamp-0042","seq":1,"ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[]}""")]
    [InlineData("""{"schema":1,"device":null,"seq":1,"ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[]}""")]
    [InlineData("""{"schema":1,"device":"lamp-0042","seq":1,"ts":"2025-05-14T08:15:00+00:00","interval_s":900}""")]
    [InlineData("""{"schema":1,"device":"lamp-0042","seq":1,"ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[]} x""")]
    [InlineData("""{"schema":1,"device":"lamp-0042","seq":1.5,"ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[]}""")]
    [InlineData("""{"schema":1,"device":"lamp-0042","seq":1,"ts":"yesterday","interval_s":900,"quantities":[]}""")]
    public void Leaves_what_it_is_not_sure_of_to_the_serializer(string json)
    {
        Assert.False(WireSummaryReader.TryRead(Encoding.UTF8.GetBytes(json), MessageKind.Air, out _));
    }

    [Fact]
    public void Other_kinds_go_to_the_serializer()
    {
        foreach (MessageKind kind in new[] { MessageKind.Status, MessageKind.Health, MessageKind.Events, MessageKind.Command, MessageKind.CommandResult })
        {
            Assert.False(WireSummaryReader.TryRead(WireJson.Serialize(WireExamples.For(kind)), kind, out _));
        }
    }

    [Fact]
    public void Agrees_with_the_serializer_on_mutated_documents()
    {
        var random = new Random(20250514);
        int fastTook = 0, serializerTook = 0;
        for (int i = 0; i < 6000; i++)
        {
            WirePayload seed = Seeds[random.Next(Seeds.Length)];
            byte[] json = Mutate(WireJson.Serialize(seed), random);

            bool fast = WireSummaryReader.TryRead(json, seed.Kind, out WirePayload? fastPayload);
            WirePayload? slow = SerializerRead(json, seed.Kind);
            if (slow is not null)
            {
                serializerTook++;
            }

            if (fast)
            {
                fastTook++;
                if (slow is null)
                {
                    Assert.Fail("the fast reader took a document the serializer refuses: " + Encoding.UTF8.GetString(json));
                }

                Assert.Equal(Canonical(slow), Canonical(fastPayload!));
            }
        }

        // The mutations must leave plenty of documents both readers take, or the comparison proves little.
        Assert.InRange(fastTook, 1000, serializerTook);
    }

    [Fact]
    public void WireJson_still_names_the_field_of_a_refused_document()
    {
        string json = """{"schema":1,"device":"lamp-0042","seq":"one","ts":"2025-05-14T08:15:00+00:00","interval_s":900,"quantities":[]}""";

        Assert.False(WireJson.TryDeserialize(Encoding.UTF8.GetBytes(json), MessageKind.Air, out _, out string? error));
        Assert.Contains("seq", error, StringComparison.Ordinal);
    }

    private static WirePayload? SerializerRead(byte[] json, MessageKind kind)
    {
        try
        {
            WirePayload? payload = kind == MessageKind.Traffic
                ? JsonSerializer.Deserialize(json, WireJsonContext.Default.TrafficSummaryPayload)
                : JsonSerializer.Deserialize(json, WireJsonContext.Default.AirSummaryPayload);
            return payload is not null && WireSchema.IsSupported(payload.Schema) ? payload : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Canonical(WirePayload payload) => payload switch
    {
        TrafficSummaryPayload t => JsonSerializer.Serialize(t, WireJsonContext.Default.TrafficSummaryPayload),
        AirSummaryPayload a => JsonSerializer.Serialize(a, WireJsonContext.Default.AirSummaryPayload),
        _ => throw new ArgumentException(payload.GetType().Name),
    };

    private static byte[] Mutate(byte[] json, Random random)
    {
        switch (random.Next(9))
        {
            case 0:
                return Encoding.UTF8.GetBytes(Shuffle(JsonNode.Parse(json)!.AsObject(), random).ToJsonString());
            case 1:
            case 2:
            case 3:
            {
                // Replace, remove or null one member somewhere in the tree; keep the rest.
                JsonObject root = JsonNode.Parse(json)!.AsObject();
                List<JsonObject> objects = [];
                Collect(root, objects);
                JsonObject target = objects[random.Next(objects.Count)];
                if (target.Count == 0)
                {
                    return json;
                }

                string name = target.ElementAt(random.Next(target.Count)).Key;
                JsonNode?[] values = [null, JsonValue.Create("x"), JsonValue.Create(1.5), JsonValue.Create(-3), JsonValue.Create(true),
                    JsonValue.Create(3_000_000_000L), JsonValue.Create("complete"), JsonValue.Create("Complete"), JsonValue.Create("no_data"),
                    JsonValue.Create("u_turn"), JsonValue.Create("in"), JsonValue.Create("approach"), new JsonArray(), new JsonObject(),
                    JsonValue.Create("2025-05-14T08:15:00Z"), JsonValue.Create(0)];
                if (random.Next(4) == 0)
                {
                    target.Remove(name);
                }
                else
                {
                    target[name] = values[random.Next(values.Length)]?.DeepClone();
                }

                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }

            case 4:
            {
                // A member twice, or an unknown member, at the top or in an entry.
                string text = Encoding.UTF8.GetString(json);
                int brace = IndexOfNth(text, '{', random.Next(1, 4));
                string extra = random.Next(2) == 0 ? "\"seq\":5," : random.Next(2) == 0 ? "\"count\":1," : "\"other\":[1,2],";
                return brace < 0 ? json : Encoding.UTF8.GetBytes(text.Insert(brace + 1, extra));
            }

            case 5:
            {
                // Whitespace in between: still the same document.
                string text = Encoding.UTF8.GetString(json).Replace(",", " ,\n\t", StringComparison.Ordinal).Replace(":", " : ", StringComparison.Ordinal);
                return Encoding.UTF8.GetBytes(text);
            }

            default:
            {
                // Raw bytes: flip, drop or insert one.
                byte[] copy = [.. json];
                int at = random.Next(copy.Length);
                switch (random.Next(3))
                {
                    case 0:
                        copy[at] = (byte)random.Next(256);
                        return copy;
                    case 1:
                        return [.. copy.AsSpan(0, at), .. copy.AsSpan(at + 1)];
                    default:
                        byte[] insert = "{}[],:\"0 -.e\\nul"u8.ToArray();
                        return [.. copy.AsSpan(0, at), insert[random.Next(insert.Length)], .. copy.AsSpan(at)];
                }
            }
        }
    }

    private static JsonObject Shuffle(JsonObject source, Random random)
    {
        var result = new JsonObject();
        foreach (KeyValuePair<string, JsonNode?> member in source.OrderBy(_ => random.Next()).ToList())
        {
            JsonNode? value = member.Value?.DeepClone();
            if (value is JsonObject o)
            {
                value = Shuffle(o, random);
            }
            else if (value is JsonArray a)
            {
                var items = new JsonArray();
                foreach (JsonNode? item in a)
                {
                    items.Add(item is JsonObject io ? Shuffle(io, random) : item?.DeepClone());
                }

                value = items;
            }

            result[member.Key] = value;
        }

        return result;
    }

    private static void Collect(JsonNode? node, List<JsonObject> objects)
    {
        if (node is JsonObject o)
        {
            objects.Add(o);
            foreach (KeyValuePair<string, JsonNode?> member in o)
            {
                Collect(member.Value, objects);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (JsonNode? item in a)
            {
                Collect(item, objects);
            }
        }
    }

    private static int IndexOfNth(string text, char c, int n)
    {
        int at = -1;
        for (int i = 0; i < n; i++)
        {
            at = text.IndexOf(c, at + 1);
            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }
}
