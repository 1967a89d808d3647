namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>Everything the sensors measured in one summary interval, one entry per sensor and quantity.</summary>
/// <param name="Start">Interval start (UTC, inclusive).</param>
/// <param name="End">Interval end (UTC, exclusive); the envelope's <c>ts</c>.</param>
/// <param name="Quantities">Per sensor and quantity statistics with flags.</param>
public sealed record AirIntervalSummary(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<QuantitySummary> Quantities);
