using DuckDB.NET.Data;
using SmartCity.Cloud.Storage.DuckDb;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>Reads what the DuckDB store holds, through its own connection to the same database, for the
/// "nothing lost, nothing duplicated" assertions.</summary>
internal static class StoreProbe
{
    /// <summary>Seqs in the message table per device (the dedupe key).</summary>
    public static Dictionary<string, List<long>> MessageSeqs(DuckDbTimeSeriesStore store)
    {
        using var connection = Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device, seq FROM message ORDER BY device, seq";
        var result = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var device = reader.GetString(0);
            if (!result.TryGetValue(device, out var seqs))
            {
                result[device] = seqs = [];
            }

            seqs.Add(reader.GetInt64(1));
        }

        return result;
    }

    /// <summary>Traffic rows and distinct interval starts: equal when no measure was stored twice.</summary>
    public static (long Rows, long DistinctStarts) TrafficRows(DuckDbTimeSeriesStore store)
    {
        using var connection = Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT (device, start)) FROM traffic";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static int Count(DuckDbTimeSeriesStore store) => MessageSeqs(store).Values.Sum(s => s.Count);

    private static DuckDBConnection Open(DuckDbTimeSeriesStore store)
    {
        var connection = new DuckDBConnection($"Data Source={store.Options.DatabasePath}");
        connection.Open();
        return connection;
    }
}
