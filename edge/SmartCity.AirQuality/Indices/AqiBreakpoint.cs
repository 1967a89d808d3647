namespace SmartCity.AirQuality.Indices;

/// <summary>One row of the AQI breakpoint table: concentrations [<see cref="ConcentrationLow"/>, <see cref="ConcentrationHigh"/>] map to [<see cref="IndexLow"/>, <see cref="IndexHigh"/>].</summary>
/// <param name="ConcentrationLow">BP_Lo, in the pollutant's unit.</param>
/// <param name="ConcentrationHigh">BP_Hi, in the pollutant's unit.</param>
/// <param name="IndexLow">I_Lo.</param>
/// <param name="IndexHigh">I_Hi.</param>
public readonly record struct AqiBreakpoint(double ConcentrationLow, double ConcentrationHigh, int IndexLow, int IndexHigh)
{
    /// <summary>
    /// The TAD's equation I = (I_Hi − I_Lo)/(BP_Hi − BP_Lo) · (C − BP_Lo) + I_Lo, unrounded. Also used past
    /// <see cref="ConcentrationHigh"/> of the top row to extrapolate beyond the index.
    /// </summary>
    public double Interpolate(double concentration) =>
        (double)(IndexHigh - IndexLow) / (ConcentrationHigh - ConcentrationLow) * (concentration - ConcentrationLow) + IndexLow;
}
