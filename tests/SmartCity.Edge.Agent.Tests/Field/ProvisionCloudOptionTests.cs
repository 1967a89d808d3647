using SmartCity.Edge.Agent.Commands;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary><c>provision --cloud</c> is parsed from the command line (System.CommandLine has no Uri parser of its own).</summary>
public sealed class ProvisionCloudOptionTests
{
    [Fact]
    public void Cloud_address_parses_and_a_non_http_one_is_an_error_naming_the_option()
    {
        var command = ProvisionCommand.Create();
        var ok = command.Parse(["--device", "pole-17", "--site", "x", "--cloud", "http://127.0.0.1:8080/", "--token", "sct_x"]);
        Assert.Empty(ok.Errors);
        var cloud = command.Options.First(o => o.Name == "--cloud");
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), ok.GetValue((System.CommandLine.Option<Uri>)cloud));

        var bad = command.Parse(["--device", "pole-17", "--site", "x", "--cloud", "ftp://city.example", "--token", "sct_x"]);
        Assert.Contains(bad.Errors, e => e.Message.Contains("--cloud 'ftp://city.example'", StringComparison.Ordinal));
    }
}
