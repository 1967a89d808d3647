using SmartCity.Cloud.Enrollment;
using Xunit;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>The new command-line surface: bad values are refused with exit code 2 before anything starts, and
/// <c>token create</c> works with the server stopped (it writes the enrollment state of the data folder).</summary>
public sealed class ServerCommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("smartcity-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData("--listen", "not-an-address")]
    [InlineData("--admin-password", "short")]
    [InlineData("--broker-username", "ingest")]
    [InlineData("--broker-tls-port", "70000")]
    public async Task Bad_options_exit_with_2_before_starting(string option, string value)
    {
        int code = await ServerCommand.Create().Parse(["--data", _data, "--devices", "0", option, value]).InvokeAsync();
        Assert.Equal(2, code);
        Assert.False(File.Exists(Path.Combine(_data, "timeseries.duckdb")), "the server started");
    }

    [Fact]
    public async Task Token_create_without_a_running_server_writes_a_redeemable_token_into_the_data_folder()
    {
        Assert.Equal(0, await ServerCommand.Create().Parse(["token", "create", "--device", "pole-99", "--data", _data]).InvokeAsync());
        Assert.Equal(2, await ServerCommand.Create().Parse(["token", "create", "--device", "Not_An_Id", "--data", _data]).InvokeAsync());
        using var service = new EnrollmentService(new EnrollmentOptions { DataFolder = Path.Combine(_data, "enrollment") });
        var state = await File.ReadAllTextAsync(Path.Combine(_data, "enrollment", "enrollment.json"));
        Assert.Contains("pole-99", state, StringComparison.Ordinal);
        Assert.Equal(1, state.Split("pole-99").Length - 1);
    }

    [Fact]
    public async Task Push_without_a_running_server_says_so_and_fails()
    {
        string bundle = Path.Combine(_data, "x.scb");
        await File.WriteAllBytesAsync(bundle, [1, 2, 3]);
        Assert.Equal(1, await ServerCommand.Create().Parse(["push", "--device", "pole-99", bundle, "--data", _data]).InvokeAsync());
    }
}
