namespace SmartCity.Cloud.Storage.DuckDb;

/// <summary>
/// The embedded store's tables. Dimensions (device, site, camera, line/zone, class, direction, sensor, quantity) are columns,
/// measures are values; the time column is the interval start, so a bin holds the intervals that begin in it.
/// The dedupe key (device, seq) lives only in <c>message</c>: it is never a dimension of the measures.
/// </summary>
internal static class DuckDbSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS message (
            device VARCHAR NOT NULL, seq BIGINT NOT NULL, kind VARCHAR NOT NULL,
            ts TIMESTAMP NOT NULL, interval_s INTEGER NOT NULL,
            PRIMARY KEY (device, seq));
        CREATE TABLE IF NOT EXISTS traffic (
            start TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, camera VARCHAR NOT NULL,
            kind VARCHAR NOT NULL, line VARCHAR NOT NULL, direction VARCHAR NOT NULL, class VARCHAR NOT NULL, count INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS coverage (
            start TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, camera VARCHAR NOT NULL,
            interval_s INTEGER NOT NULL, status VARCHAR NOT NULL, has_data BOOLEAN NOT NULL);
        CREATE TABLE IF NOT EXISTS air (
            start TIMESTAMP NOT NULL, device VARCHAR NOT NULL, site VARCHAR NOT NULL, sensor VARCHAR NOT NULL, quantity VARCHAR NOT NULL,
            unit VARCHAR NOT NULL, value DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS status (
            ts TIMESTAMP NOT NULL, device VARCHAR NOT NULL, state VARCHAR NOT NULL, detail VARCHAR);
        CREATE OR REPLACE VIEW traffic_15m AS
            SELECT time_bucket(INTERVAL 15 MINUTE, start) AS bin, device, site, camera, kind, line, direction, class, sum(count) AS count
            FROM traffic GROUP BY ALL;
        CREATE OR REPLACE VIEW traffic_1h AS
            SELECT time_bucket(INTERVAL 1 HOUR, start) AS bin, device, site, camera, kind, line, direction, class, sum(count) AS count
            FROM traffic GROUP BY ALL;
        CREATE OR REPLACE VIEW air_15m AS
            SELECT time_bucket(INTERVAL 15 MINUTE, start) AS bin, device, site, sensor, quantity, unit, avg(value) AS mean
            FROM air GROUP BY ALL;
        CREATE OR REPLACE VIEW air_1h AS
            SELECT time_bucket(INTERVAL 1 HOUR, start) AS bin, device, site, sensor, quantity, unit, avg(value) AS mean
            FROM air GROUP BY ALL;
        """;

    /// <summary>Per connection: the batch's (device, seq) keys, checked against <c>message</c> in one statement.</summary>
    public const string CreateStage = """
        CREATE TEMP TABLE IF NOT EXISTS stage_message (
            device VARCHAR NOT NULL, seq BIGINT NOT NULL, kind VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, interval_s INTEGER NOT NULL);
        """;
}
