using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.DuckDb;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>A temp folder with a real DuckDB store and a file dead-letter store, and ingest options for a broker port.</summary>
internal sealed class IngestHarness : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    public IngestHarness(Xunit.Abstractions.ITestOutputHelper? output = null)
    {
        Output = output;
        Store = new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = Path.Combine(_folder.Path, "store") });
        DeadLetters = new FileDeadLetterStore(Path.Combine(_folder.Path, "deadletters"));
    }

    public Xunit.Abstractions.ITestOutputHelper? Output { get; }

    public DuckDbTimeSeriesStore Store { get; }

    public FileDeadLetterStore DeadLetters { get; }

    public string Folder => _folder.Path;

    public static IngestOptions Options(int port, string clientId = "ingest-test-1") => new()
    {
        BrokerPort = port,
        ClientId = clientId,
        MaxBatchMessages = 200,
        ReceiveMaximum = 1000,
        MaxBatchDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        StoreRetryMin = TimeSpan.FromMilliseconds(20),
        StoreRetryMax = TimeSpan.FromMilliseconds(200),
        GapGrace = TimeSpan.FromSeconds(30),
    };

    public IngestService Service(IngestOptions options, ITimeSeriesStore? store = null, SeqAuditor? auditor = null) =>
        new(store ?? Store, DeadLetters, options, Output is null ? null : new TestLogger<IngestService>(Output), auditor);

    public static async Task StartConnectedAsync(IngestService service)
    {
        await service.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => service.GetStats().Connected, TimeSpan.FromSeconds(30), () => "ingest never connected and subscribed");
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        DeadLetters.Dispose();
        _folder.Dispose();
    }
}
