namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Multi-object tracking metrics of one sequence. CLEAR-MOT (Bernardin &amp; Stiefelhagen, "Evaluating Multiple
/// Object Tracking Performance: The CLEAR MOT Metrics", EURASIP JIVP 2008): MOTA = 1 − (FN + FP + IDSW) / GT,
/// MOTP = mean IoU of the matched pairs (the MOTChallenge convention, higher is better). Identity metrics
/// (Ristani et al., "Performance Measures and a Data Set for Multi-Target, Multi-Camera Tracking", ECCV
/// 2016 workshops): IDF1 = 2·IDTP / (2·IDTP + IDFP + IDFN) under the one-to-one ground-truth ↔ track
/// assignment that maximises IDTP over the whole sequence. Fragmentation as in MOTChallenge (Milan et al.,
/// "MOT16: A Benchmark for Multi-Object Tracking", 2016): a ground-truth trajectory going from tracked to
/// untracked and later tracked again.
/// </summary>
/// <param name="Frames">Frames evaluated.</param>
/// <param name="GroundTruthBoxes">Ground-truth boxes that count (not "don't care"), summed over frames: the GT of MOTA.</param>
/// <param name="GroundTruthTracks">Distinct ground-truth objects that had at least one box that counts.</param>
/// <param name="TrackIds">Distinct track ids that reported at least one box outside a "don't care" region.</param>
/// <param name="Matches">Matched ground-truth ↔ track pairs, summed over frames (true positives).</param>
/// <param name="FalsePositives">Track boxes matched to no ground truth.</param>
/// <param name="Misses">Ground-truth boxes matched to no track (false negatives).</param>
/// <param name="IdSwitches">Times a ground-truth object was matched to a different track than at its previous match.</param>
/// <param name="Fragmentations">Times a ground-truth trajectory resumed being tracked after an untracked gap.</param>
/// <param name="SumIoU">Sum of the IoU of all matches (MOTP's numerator).</param>
/// <param name="IdTruePositives">IDTP: boxes of the globally assigned ground-truth ↔ track pairs that overlap at IoU ≥ the threshold.</param>
/// <param name="IdFalsePositives">IDFP: track boxes not covered by IDTP.</param>
/// <param name="IdFalseNegatives">IDFN: ground-truth boxes not covered by IDTP.</param>
internal sealed record MotMetrics(
    int Frames,
    long GroundTruthBoxes,
    int GroundTruthTracks,
    int TrackIds,
    long Matches,
    long FalsePositives,
    long Misses,
    long IdSwitches,
    long Fragmentations,
    double SumIoU,
    long IdTruePositives,
    long IdFalsePositives,
    long IdFalseNegatives)
{
    /// <summary>MOTA = 1 − (FN + FP + IDSW) / GT; can be negative; 1 when there was no ground truth and no false positive.</summary>
    public double Mota => GroundTruthBoxes == 0
        ? (FalsePositives == 0 ? 1 : double.NegativeInfinity)
        : 1.0 - ((double)(Misses + FalsePositives + IdSwitches) / GroundTruthBoxes);

    /// <summary>MOTP: mean IoU of the matched pairs (0 without matches).</summary>
    public double Motp => Matches == 0 ? 0 : SumIoU / Matches;

    /// <summary>IDF1 = 2·IDTP / (2·IDTP + IDFP + IDFN); 1 for an empty sequence with no tracks.</summary>
    public double Idf1 => Denominator(2 * IdTruePositives + IdFalsePositives + IdFalseNegatives, 2.0 * IdTruePositives);

    /// <summary>IDP = IDTP / (IDTP + IDFP).</summary>
    public double IdPrecision => Denominator(IdTruePositives + IdFalsePositives, IdTruePositives);

    /// <summary>IDR = IDTP / (IDTP + IDFN).</summary>
    public double IdRecall => Denominator(IdTruePositives + IdFalseNegatives, IdTruePositives);

    /// <summary>Recall of the frame-by-frame matching: matches / ground-truth boxes.</summary>
    public double Recall => Denominator(GroundTruthBoxes, Matches);

    /// <summary>Precision of the frame-by-frame matching: matches / (matches + false positives).</summary>
    public double Precision => Denominator(Matches + FalsePositives, Matches);

    /// <summary>ID switches per 100 ground-truth trajectories (the target on the dense-queue scenario).</summary>
    public double IdSwitchesPer100Tracks => GroundTruthTracks == 0 ? 0 : 100.0 * IdSwitches / GroundTruthTracks;

    private static double Denominator(long denominator, double numerator) => denominator == 0 ? 1 : numerator / denominator;
}
