using Xunit;
using SmartCity.Edge.Agent.Commands;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>provision's argument handling (the enrollment exchange itself is tested end to end in SmartCity.Edge.Provisioning.Tests).</summary>
[Collection(CliCollection.Name)]
public sealed class ProvisionCommandTests : IDisposable
{
    private readonly FieldTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ProvisionCommand.Options Options(string? token, string cloud = "http://127.0.0.1:9/") => new(
        "pole-0042", "lab", new Uri(cloud), token, null, Path.Combine(_folder.Path, "identity"),
        Path.Combine(TestData.RepositoryRoot, "firmware-configs", "templates", "simulated.json"), Path.Combine(_folder.Path, "device.json"), false, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Missing_token_is_bad_input_and_nothing_is_created()
    {
        string? saved = Environment.GetEnvironmentVariable(ProvisionCommand.TokenVariable);
        Environment.SetEnvironmentVariable(ProvisionCommand.TokenVariable, null);
        try
        {
            using var console = new ConsoleCapture();
            int code = await ProvisionCommand.RunAsync(Options(null), new StringWriter(), CancellationToken.None);

            Assert.Equal(CliErrors.BadInput, code);
            Assert.Contains("no enrollment token", console.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_folder.Path, "identity")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ProvisionCommand.TokenVariable, saved);
        }
    }

    [Fact]
    public async Task Unreachable_cloud_fails_with_the_address_and_keeps_the_new_key_private()
    {
        using var console = new ConsoleCapture();
        var output = new StringWriter();

        int code = await ProvisionCommand.RunAsync(Options("sct_test"), output, CancellationToken.None);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("cannot reach the enrollment service at http://127.0.0.1:9/api/enroll", console.Error, StringComparison.Ordinal);
        Assert.Contains("1/6 device key", output.ToString(), StringComparison.Ordinal);
        string key = Path.Combine(_folder.Path, "identity", "device.key.pem");
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.False(File.Exists(Path.Combine(_folder.Path, "device.json")));
    }

    [Fact]
    public async Task Non_http_cloud_is_bad_input()
    {
        using var console = new ConsoleCapture();

        int code = await ProvisionCommand.RunAsync(Options("sct_test", "ftp://city.example/"), new StringWriter(), CancellationToken.None);

        Assert.Equal(CliErrors.BadInput, code);
        Assert.Contains("must be an http(s) address", console.Error, StringComparison.Ordinal);
    }
}
