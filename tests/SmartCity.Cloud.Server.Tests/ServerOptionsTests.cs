using Xunit;

namespace SmartCity.Cloud.Server.Tests;

public sealed class ServerOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1:1884", "127.0.0.1", 1884)]
    [InlineData("mqtt.city.example", "mqtt.city.example", 1883)]
    [InlineData("[::1]:1885", "::1", 1885)]
    public void External_broker_addresses_parse(string text, string host, int port)
    {
        Assert.True(ServerOptions.TryParseHostPort(text, out string h, out int p));
        Assert.Equal((host, port), (h, p));
    }

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:99999")]
    [InlineData("host:abc")]
    [InlineData(":1883")]
    public void Bad_external_broker_addresses_are_refused(string text) =>
        Assert.False(ServerOptions.TryParseHostPort(text, out _, out _));

    [Theory]
    [InlineData(-1, 60, "--devices")]
    [InlineData(3, 7, "--interval")]
    [InlineData(3, 0, "--interval")]
    [InlineData(3, 2, "--interval")]
    public void Bad_options_name_the_option(int devices, int intervalSeconds, string option)
    {
        var o = new ServerOptions { Devices = devices, Interval = TimeSpan.FromSeconds(intervalSeconds) };
        var ex = Assert.Throws<ArgumentException>(o.Validate);
        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var output = new StringWriter();
        int rc = ServerCommand.Create().Parse(["--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });
        Assert.Equal(0, rc);
        foreach (var option in new[] { "--devices", "--data", "--port", "--broker-port", "--duration", "--influx", "--external-broker", "--interval" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }
}
