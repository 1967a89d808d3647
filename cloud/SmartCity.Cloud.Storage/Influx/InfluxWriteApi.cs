namespace SmartCity.Cloud.Storage.Influx;

/// <summary>Which HTTP endpoint the InfluxDB store writes line protocol to. Reads are InfluxQL on <c>/query</c> either way.</summary>
public enum InfluxWriteApi
{
    /// <summary><c>/write?db=…&amp;rp=…</c>: InfluxDB 1.x (every version), also answered by 2.x and 3.x for v1 compatibility.</summary>
    V1,

    /// <summary>
    /// <c>/api/v2/write?org=…&amp;bucket=…</c> through InfluxDB.Client: InfluxDB 1.8+ (bucket "database/retention-policy",
    /// org ignored, token "user:password"), 2.x and 3.x.
    /// </summary>
    V2,
}
