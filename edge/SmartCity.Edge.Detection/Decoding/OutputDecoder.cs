using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Turns a model's raw output into candidate detections (boxes in model-input pixels) above their class
/// threshold. Decoders read the output span in place and allocate nothing per frame.
/// </summary>
internal abstract class OutputDecoder
{
    /// <summary>Whether the candidates still need NMS (false for end-to-end models).</summary>
    public virtual bool NeedsNms => true;

    /// <summary>Appends the candidates of one output to <paramref name="candidates"/>.</summary>
    public abstract void Decode(ReadOnlySpan<float> output, ClassFilter filter, DetectionList candidates);

    /// <summary>Creates the decoder for a format and an output shape that has already been validated.</summary>
    public static OutputDecoder Create(ModelManifest manifest, ReadOnlySpan<long> outputShape)
    {
        int classes = manifest.ClassNames.Count;
        return manifest.Format switch
        {
            ModelFormat.Yolox => new ObjectnessRowDecoder(
                (int)outputShape[1], classes, manifest.Decoded ? null : new YoloxGrid(manifest.Input, manifest.Strides)),
            ModelFormat.Yolov5 => new ObjectnessRowDecoder((int)outputShape[1], classes, grid: null),
            ModelFormat.Yolov8 => new ChannelMajorDecoder((int)outputShape[2], classes),
            ModelFormat.End2End => new End2EndDecoder((int)outputShape[1]),
            _ => throw new ArgumentOutOfRangeException(nameof(manifest), manifest.Format, "Unknown model format."),
        };
    }

    /// <summary>A box from centre, width and height.</summary>
    protected static BoxF FromCentre(float cx, float cy, float w, float h)
    {
        float hw = w * 0.5f;
        float hh = h * 0.5f;
        return new BoxF(cx - hw, cy - hh, cx + hw, cy + hh);
    }
}
