namespace SmartCity.Cloud.Storage.Queries;

/// <summary>What a batch write did.</summary>
/// <param name="Stored">Messages stored for the first time.</param>
/// <param name="Duplicates">Messages whose (device, seq) was already stored (or repeated within the batch): skipped.</param>
public readonly record struct StoreWriteResult(int Stored, int Duplicates);
