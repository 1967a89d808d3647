using System.Net;
using SmartCity.Contracts;

namespace SmartCity.Edge.Updates.Tests;

/// <summary>The cmd/model, cmd/config and cmd/rollback commands.</summary>
public sealed class UpdateCommandHandlerTests : IDisposable
{
    private readonly BundleFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static CommandPayload Command(string name, Dictionary<string, string> args) => new()
    {
        Device = BundleFixture.Device, Seq = 1, Ts = DateTimeOffset.UtcNow, IntervalS = 0, RequestId = "r-" + name, Name = name, Args = args,
    };

    [Fact]
    public async Task Inline_bundle_is_installed_and_rollback_command_restores_the_previous()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        var handler = new UpdateCommandHandler(new Dictionary<BundleKind, UpdateInstaller> { [BundleKind.Model] = installer }, Path.Combine(_f.Root, "dl"));
        string b64 = Convert.ToBase64String(File.ReadAllBytes(_f.ModelBundle(version: 1)));

        var install = await handler.HandleAsync(Command("model", new() { ["bundle"] = b64 }));
        var rollback = await handler.HandleAsync(Command("rollback", new() { ["kind"] = "model" }));

        Assert.Equal(CommandOutcome.Ok, install.Outcome);
        Assert.Equal(CommandOutcome.Ok, rollback.Outcome);
        Assert.True(rollback.RolledBack);
        Assert.Equal("a", _f.Store.ActiveSlot);
        Assert.Empty(Directory.GetFiles(Path.Combine(_f.Root, "dl")));
    }

    [Fact]
    public async Task Downloaded_bundle_is_verified_like_any_other()
    {
        using var installer = _f.ModelInstaller();
        installer.SeedFactory(BundleFixture.TestModel, "factory");
        byte[] rogue = File.ReadAllBytes(_f.ModelBundle(version: 1, key: _f.RogueKey));
        using var http = new HttpClient(new OneResponseHandler(rogue));
        var handler = new UpdateCommandHandler(new Dictionary<BundleKind, UpdateInstaller> { [BundleKind.Model] = installer }, Path.Combine(_f.Root, "dl"), http);

        var result = await handler.HandleAsync(Command("model", new() { ["url"] = "http://cloud.invalid/b.scb" }));

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Equal(BundleRefusal.UnknownKey, result.Refusal);
    }

    [Theory]
    [InlineData("model", "url", "file:///etc/passwd", "not an http(s) address")]
    [InlineData("model", "bundle", "***", "not valid base64")]
    [InlineData("model", "other", "x", "needs argument url")]
    [InlineData("config", "bundle", "AAAA", "not an update this device accepts")]
    [InlineData("rollback", "kind", "firmware", "rollback needs argument kind")]
    public async Task Bad_arguments_are_rejected_with_a_reason(string name, string key, string value, string expected)
    {
        using var installer = _f.ModelInstaller();
        var handler = new UpdateCommandHandler(new Dictionary<BundleKind, UpdateInstaller> { [BundleKind.Model] = installer }, Path.Combine(_f.Root, "dl"));

        var result = await handler.HandleAsync(Command(name, new() { [key] = value }));

        Assert.Equal(CommandOutcome.Rejected, result.Outcome);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    private sealed class OneResponseHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
