namespace SmartCity.Tools.Fuzz;

/// <summary>One parser under fuzzing: valid seed inputs to mutate, and one call that answers accepted or refused.</summary>
public interface IFuzzTarget
{
    /// <summary>Name used on the command line and in reports.</summary>
    string Name { get; }

    /// <summary>Valid example inputs the structure-aware mutator starts from.</summary>
    IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Whether inputs are JSON text (token/number mutations) rather than binary frames.</summary>
    bool IsText { get; }

    /// <summary>
    /// Feeds one input to the parser. Returns null when it was accepted, or the refusal reason (a documented
    /// "refused" result). Any exception that escapes is a crash.
    /// </summary>
    /// <param name="input">The input bytes.</param>
    /// <param name="seedIndex">Index in <see cref="Seeds"/> of the seed the input was mutated from; -1 for pure random bytes.</param>
    /// <param name="random">A non-negative random number chosen by the runner, for targets that pick a sub-parser or a split point.</param>
    string? Run(ReadOnlySpan<byte> input, int seedIndex, int random);
}
