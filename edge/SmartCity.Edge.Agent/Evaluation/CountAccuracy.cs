namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Count accuracy as traffic engineers quote it: 1 − |counted − true| / true. For a true count of zero the
/// denominator is taken as one, so no traffic counted as none is 100% and every phantom vehicle costs a full
/// 100 points: an element that should be empty is never allowed to look accurate while counting something.
/// Floored at 0.
/// </summary>
internal static class CountAccuracy
{
    /// <summary>The accuracy of <paramref name="counted"/> against <paramref name="truth"/>, 0–1.</summary>
    public static double Of(long truth, long counted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        ArgumentOutOfRangeException.ThrowIfNegative(counted);
        return Math.Max(0, 1.0 - ((double)Math.Abs(counted - truth) / Math.Max(truth, 1)));
    }
}
