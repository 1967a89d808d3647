namespace SmartCity.Bench.Ingest;

/// <summary>Where the bench finds the broker and how the ingest logs in; the process id (when known) is for its CPU figure.</summary>
internal sealed record BrokerEndpoint(string Host, int Port, string IngestUser, string IngestPassword, int? ProcessId);
