namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>Running sum of one stage's milliseconds; a plain struct so updating it allocates nothing.</summary>
internal struct StageTimer
{
    /// <summary>Total milliseconds.</summary>
    public double TotalMs;

    /// <summary>Number of samples.</summary>
    public long Count;

    /// <summary>Largest sample.</summary>
    public double MaxMs;

    /// <summary>Mean milliseconds per sample, 0 without samples.</summary>
    public readonly double MeanMs => Count == 0 ? 0 : TotalMs / Count;

    /// <summary>Adds one sample.</summary>
    public void Add(double ms)
    {
        TotalMs += ms;
        Count++;
        if (ms > MaxMs)
        {
            MaxMs = ms;
        }
    }
}
