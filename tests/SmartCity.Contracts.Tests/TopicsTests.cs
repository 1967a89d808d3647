using Xunit;

namespace SmartCity.Contracts.Tests;

public sealed class TopicsTests
{
    [Theory]
    [InlineData(MessageKind.Status, "smartcity/v1/lamp-0042/status")]
    [InlineData(MessageKind.Traffic, "smartcity/v1/lamp-0042/traffic")]
    [InlineData(MessageKind.Air, "smartcity/v1/lamp-0042/air")]
    [InlineData(MessageKind.Health, "smartcity/v1/lamp-0042/health")]
    [InlineData(MessageKind.Events, "smartcity/v1/lamp-0042/events")]
    [InlineData(MessageKind.CommandResult, "smartcity/v1/lamp-0042/cmd-result")]
    public void Uplink_topics_are_built_and_parsed_back(MessageKind kind, string expected)
    {
        string topic = Topics.For("lamp-0042", kind);

        Assert.Equal(expected, topic);
        Assert.True(Topics.TryParse(topic, out string device, out MessageKind parsed, out string? command));
        Assert.Equal("lamp-0042", device);
        Assert.Equal(kind, parsed);
        Assert.Null(command);
    }

    [Fact]
    public void Named_builders_agree_with_For()
    {
        Assert.Equal(Topics.For("a-1", MessageKind.Status), Topics.Status("a-1"));
        Assert.Equal(Topics.For("a-1", MessageKind.Traffic), Topics.Traffic("a-1"));
        Assert.Equal(Topics.For("a-1", MessageKind.Air), Topics.Air("a-1"));
        Assert.Equal(Topics.For("a-1", MessageKind.Health), Topics.Health("a-1"));
        Assert.Equal(Topics.For("a-1", MessageKind.Events), Topics.Events("a-1"));
        Assert.Equal(Topics.For("a-1", MessageKind.CommandResult), Topics.CommandResult("a-1"));
    }

    [Fact]
    public void Command_topic_carries_the_name()
    {
        string topic = Topics.Command("lamp-0042", "report-health");

        Assert.Equal("smartcity/v1/lamp-0042/cmd/report-health", topic);
        Assert.True(Topics.TryParse(topic, out string device, out MessageKind kind, out string? command));
        Assert.Equal("lamp-0042", device);
        Assert.Equal(MessageKind.Command, kind);
        Assert.Equal("report-health", command);
        Assert.Equal("smartcity/v1/lamp-0042/cmd/+", Topics.CommandFilter("lamp-0042"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("smartcity/v2/lamp-0042/traffic")]
    [InlineData("city/v1/lamp-0042/traffic")]
    [InlineData("smartcity/v1/lamp-0042")]
    [InlineData("smartcity/v1/lamp-0042/")]
    [InlineData("smartcity/v1//traffic")]
    [InlineData("smartcity/v1/+/traffic")]
    [InlineData("smartcity/v1/#")]
    [InlineData("smartcity/v1/lamp+1/traffic")]
    [InlineData("smartcity/v1/lamp#1/traffic")]
    [InlineData("smartcity/v1/$sys/traffic")]
    [InlineData("smartcity/v1/Lamp-0042/traffic")]
    [InlineData("smartcity/v1/-lamp/traffic")]
    [InlineData("smartcity/v1/lamp-/traffic")]
    [InlineData("smartcity/v1/ab/traffic")]
    [InlineData("smartcity/v1/lamp-0042/weather")]
    [InlineData("smartcity/v1/lamp-0042/Traffic")]
    [InlineData("smartcity/v1/lamp-0042/traffic/extra")]
    [InlineData("smartcity/v1/lamp-0042/cmd")]
    [InlineData("smartcity/v1/lamp-0042/cmd/")]
    [InlineData("smartcity/v1/lamp-0042/cmd/+")]
    [InlineData("smartcity/v1/lamp-0042/cmd/a/b")]
    [InlineData("smartcity/v1/lamp-0042/cmd/_hidden")]
    public void Parse_rejects_foreign_or_malformed_topics(string? topic)
    {
        Assert.False(Topics.TryParse(topic, out string device, out _, out string? command));
        Assert.Equal(string.Empty, device);
        Assert.Null(command);
    }

    [Fact]
    public void Parse_rejects_an_over_long_device_id()
    {
        Assert.False(Topics.TryParse($"smartcity/v1/{new string('a', 65)}/traffic", out _, out _, out _));
        Assert.True(Topics.TryParse($"smartcity/v1/{new string('a', 64)}/traffic", out _, out _, out _));
    }

    [Theory]
    [InlineData("lamp/1")]
    [InlineData("lamp+1")]
    [InlineData("lamp#1")]
    [InlineData("LAMP-1")]
    [InlineData("ab")]
    [InlineData("")]
    public void Builders_throw_a_clear_message_for_a_bad_device_id(string device)
    {
        var ex = Assert.Throws<ArgumentException>(() => Topics.Traffic(device));
        Assert.Contains($"'{device}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a-z, 0-9 and '-'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builders_reject_bad_command_names_and_For_command()
    {
        Assert.Throws<ArgumentException>(() => Topics.Command("lamp-0042", "a/b"));
        Assert.Throws<ArgumentException>(() => Topics.Command("lamp-0042", "+"));
        Assert.Throws<ArgumentException>(() => Topics.Command("lamp-0042", ""));
        Assert.Throws<ArgumentException>(() => Topics.For("lamp-0042", MessageKind.Command));
    }

    [Fact]
    public void Shared_subscription_covers_every_uplink_but_not_commands()
    {
        Assert.Equal("$share/ingest/smartcity/v1/+/+", Topics.SharedSubscription("ingest"));
        Assert.Throws<ArgumentException>(() => Topics.SharedSubscription("in/gest"));
        Assert.Throws<ArgumentException>(() => Topics.SharedSubscription("#"));
        Assert.Throws<ArgumentException>(() => Topics.SharedSubscription(""));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a-b", true)]
    [InlineData("0000", true)]
    [InlineData("a--b", true)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("a b", false)]
    [InlineData("ab-", false)]
    [InlineData("é-ab", false)]
    public void Device_id_format(string id, bool valid) => Assert.Equal(valid, DeviceIds.IsValid(id));
}
