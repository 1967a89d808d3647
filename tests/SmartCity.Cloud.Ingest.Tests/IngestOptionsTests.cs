namespace SmartCity.Cloud.Ingest.Tests;

public sealed class IngestOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_as_documented()
    {
        var options = new IngestOptions();
        options.Validate();
        Assert.Equal("127.0.0.1", options.BrokerHost);
        Assert.Equal(1883, options.BrokerPort);
        Assert.Equal("ingest", options.SharedGroup);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SessionExpiry);
        Assert.Equal(5000, options.MaxBatchMessages);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.MaxBatchDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.GapGrace);
        Assert.True(options.RequestResend);
        Assert.StartsWith("ingest-", options.ClientId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(IngestOptions.BrokerPort))]
    [InlineData(nameof(IngestOptions.SharedGroup))]
    [InlineData(nameof(IngestOptions.ClientId))]
    [InlineData(nameof(IngestOptions.ReceiveMaximum))]
    [InlineData(nameof(IngestOptions.MaxBatchMessages))]
    [InlineData(nameof(IngestOptions.Password))]
    [InlineData(nameof(IngestOptions.ClientKeyPath))]
    [InlineData(nameof(IngestOptions.CaCertificatePath))]
    [InlineData(nameof(IngestOptions.StoreRetryMin))]
    [InlineData(nameof(IngestOptions.GapGrace))]
    public void A_wrong_setting_is_refused_with_its_name(string setting)
    {
        var options = new IngestOptions();
        switch (setting)
        {
            case nameof(IngestOptions.BrokerPort): options.BrokerPort = 0; break;
            case nameof(IngestOptions.SharedGroup): options.SharedGroup = "a/b"; break;
            case nameof(IngestOptions.ClientId): options.ClientId = " "; break;
            case nameof(IngestOptions.ReceiveMaximum): options.ReceiveMaximum = 100; break;
            case nameof(IngestOptions.MaxBatchMessages): options.MaxBatchMessages = 0; break;
            case nameof(IngestOptions.Password): options.Password = "secret"; break;
            case nameof(IngestOptions.ClientKeyPath): options.UseTls = true; options.ClientCertificatePath = "/nonexistent.pem"; break;
            case nameof(IngestOptions.CaCertificatePath): options.CaCertificatePath = "/nonexistent-ca.pem"; break;
            case nameof(IngestOptions.StoreRetryMin): options.StoreRetryMin = TimeSpan.FromMinutes(5); break;
            case nameof(IngestOptions.GapGrace): options.GapGrace = TimeSpan.Zero; break;
        }

        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains($"'{setting}'", ex.Message, StringComparison.Ordinal);
    }
}
