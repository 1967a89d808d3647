namespace SmartCity.Edge.Sensors;

/// <summary>
/// The channel a particulate value comes from. Plantower sensors report PM both for "standard particle" (CF=1)
/// and for atmospheric environment; the EPA humidity correction is fitted on CF=1, reporting uses atmospheric.
/// </summary>
public enum ReadingBasis : byte
{
    /// <summary>The value reported for ambient (atmospheric) conditions; what every sensor but Plantower reports.</summary>
    Ambient,

    /// <summary>Plantower's CF=1 ("standard particle") channel, input of <c>HumidityCorrection.EpaPm25</c>.</summary>
    Cf1,
}
