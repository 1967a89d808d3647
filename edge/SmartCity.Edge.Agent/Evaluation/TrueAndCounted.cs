namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>A reference ("true") count and the pipeline's count of the same thing.</summary>
/// <param name="True">Reference count.</param>
/// <param name="Counted">Pipeline count.</param>
internal readonly record struct TrueAndCounted(long True, long Counted)
{
    /// <summary>1 − |counted − true| / true (see <see cref="CountAccuracy"/>).</summary>
    public double Accuracy => CountAccuracy.Of(True, Counted);

    /// <summary>Element-wise sum.</summary>
    public static TrueAndCounted operator +(TrueAndCounted a, TrueAndCounted b) => new(a.True + b.True, a.Counted + b.Counted);

    /// <summary>Element-wise sum (named alternative for the operator).</summary>
    public static TrueAndCounted Add(TrueAndCounted a, TrueAndCounted b) => a + b;
}
