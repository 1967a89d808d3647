namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// The BME680 calibration parameters with the datasheet's names and types (BST-BME680-DS001 §3.3, tables of
/// par_t*, par_p*, par_h*, par_g*): int8 parameters are <see cref="sbyte"/>, 12-bit par_h1/par_h2 are <see cref="ushort"/>.
/// </summary>
internal sealed record Bme680Calibration(
    ushort T1, short T2, sbyte T3,
    ushort P1, short P2, sbyte P3, short P4, short P5, sbyte P6, sbyte P7, short P8, short P9, byte P10,
    ushort H1, ushort H2, sbyte H3, sbyte H4, sbyte H5, byte H6, sbyte H7,
    sbyte G1, short G2, sbyte G3, byte ResHeatRange, sbyte ResHeatVal, byte RangeSwitchingError);
