using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Geometry;

namespace SmartCity.Edge.Analytics;

/// <summary>A checked zone.</summary>
/// <param name="Name">Name.</param>
/// <param name="Polygon">Outline in pixels.</param>
/// <param name="Anchor">The box point tested.</param>
/// <param name="DetectorChannel">Virtual detector channel, or null.</param>
public sealed record AnalyticsZone(string Name, ImagePolygon Polygon, LineAnchor Anchor, int? DetectorChannel);
