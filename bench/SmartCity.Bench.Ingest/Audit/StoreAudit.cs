using DuckDB.NET.Data;

namespace SmartCity.Bench.Ingest.Audit;

/// <summary>
/// Audits a closed DuckDB store file against what was published: per device every seq of <c>first..last</c> present
/// once in <c>message</c>, one coverage row per traffic message, one air row per (message, sensor, quantity).
/// Payloads must carry a distinct <c>ts</c> per message of a device (the bench and fault runs stamp the compose time).
/// </summary>
public static class StoreAudit
{
    /// <summary>Audits <paramref name="databasePath"/> (the store must be disposed: DuckDB allows one process per file).</summary>
    /// <param name="databasePath">The DuckDB file.</param>
    /// <param name="published">Per device, the published seq range (inclusive); devices absent here are "unexpected".</param>
    /// <param name="airQuantitiesPerMessage">Air rows one air message makes.</param>
    public static SeqAuditReport Run(string databasePath, IReadOnlyDictionary<string, (long First, long Last)> published, int airQuantitiesPerMessage)
    {
        ArgumentNullException.ThrowIfNull(published);
        using var connection = new DuckDBConnection($"Data Source={databasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var present = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        using (DuckDBCommand cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT device, seq FROM message WHERE kind <> 'status' ORDER BY device, seq";
            using DuckDBDataReader reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                string device = reader.GetString(0);
                if (!present.TryGetValue(device, out List<long>? seqs))
                {
                    present[device] = seqs = [];
                }

                seqs.Add(reader.GetInt64(1));
            }
        }

        long expected = 0, found = 0, lost = 0, unexpected = 0;
        var samples = new List<string>();
        foreach ((string device, (long first, long last)) in published)
        {
            long span = Math.Max(0, last - first + 1);
            expected += span;
            List<long> seqs = present.GetValueOrDefault(device) ?? [];
            long inRange = 0;
            long want = first;
            foreach (long seq in seqs)
            {
                if (seq < first || seq > last)
                {
                    unexpected++;
                    continue;
                }

                while (want < seq)
                {
                    if (samples.Count < 10)
                    {
                        samples.Add($"{device}#{want}");
                    }

                    want++;
                }

                inRange++;
                want = seq + 1;
            }

            for (; want <= last && samples.Count < 10; want++)
            {
                samples.Add($"{device}#{want}");
            }

            found += inRange;
            lost += span - inRange;
        }

        foreach ((string device, List<long> seqs) in present)
        {
            if (!published.ContainsKey(device))
            {
                unexpected += seqs.Count;
            }
        }

        long trafficMessages = Scalar(connection, "SELECT count(*) FROM message WHERE kind = 'traffic'");
        long airMessages = Scalar(connection, "SELECT count(*) FROM message WHERE kind = 'air'");
        long coverageRows = Scalar(connection, "SELECT count(*) FROM coverage");
        long coverageDistinct = Scalar(connection, "SELECT count(*) FROM (SELECT DISTINCT device, start, camera FROM coverage)");
        long airRows = Scalar(connection, "SELECT count(*) FROM air");
        long airDistinct = Scalar(connection, "SELECT count(*) FROM (SELECT DISTINCT device, start, sensor, quantity FROM air)");
        long duplicated = (coverageRows - coverageDistinct) + (airRows - airDistinct) / Math.Max(1, airQuantitiesPerMessage);
        long missingMeasures = Math.Max(0, trafficMessages - coverageDistinct) + Math.Max(0, airMessages - airDistinct / Math.Max(1, airQuantitiesPerMessage));
        return new SeqAuditReport
        {
            Expected = expected,
            Present = found,
            Lost = lost,
            Duplicated = duplicated,
            Unexpected = unexpected,
            MissingMeasures = missingMeasures,
            LostSamples = samples,
        };
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
