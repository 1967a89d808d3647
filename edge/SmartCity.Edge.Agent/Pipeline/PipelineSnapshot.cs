namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>A copy of <see cref="PipelineStats"/> at one moment.</summary>
internal sealed record PipelineSnapshot(
    long Frames,
    long DetectorRuns,
    long DetectorErrors,
    StageTimer Source,
    StageTimer Preprocess,
    StageTimer Inference,
    StageTimer Postprocess,
    long[] DetectionsByClass,
    int[] LastFrameByClass);
