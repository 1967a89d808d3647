namespace SmartCity.Cloud.Storage.DuckDb;

/// <summary>The tables only the dashboard reads: health per camera, queues, speeds and air QA flags (time = interval start).</summary>
internal static class DuckDbDashboardSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS health (
            start TIMESTAMP NOT NULL, ts TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, camera VARCHAR NOT NULL,
            fps DOUBLE, inference_ms_mean DOUBLE, inference_ms_p95 DOUBLE, frames_dropped BIGINT NOT NULL,
            outbox_depth BIGINT NOT NULL, outbox_dropped BIGINT NOT NULL, cpu_temperature_c DOUBLE, uptime_s BIGINT NOT NULL,
            agent_version VARCHAR NOT NULL, model_version VARCHAR);
        CREATE TABLE IF NOT EXISTS queue (
            start TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, camera VARCHAR NOT NULL, approach VARCHAR NOT NULL,
            max_vehicles INTEGER NOT NULL, max_m DOUBLE NOT NULL, mean_m DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS speed (
            start TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, camera VARCHAR NOT NULL, name VARCHAR NOT NULL,
            site_kind VARCHAR NOT NULL, samples INTEGER NOT NULL, mean_kmh DOUBLE, p85_kmh DOUBLE);
        CREATE TABLE IF NOT EXISTS air_flag (
            start TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, sensor VARCHAR NOT NULL, quantity VARCHAR NOT NULL,
            flags VARCHAR NOT NULL, flagged_samples INTEGER NOT NULL);
        """;

    /// <summary>The dashboard tables' names, for retention.</summary>
    public static readonly string[] Tables = ["health", "queue", "speed", "air_flag"];
}
