using Microsoft.ML.OnnxRuntime;

namespace SmartCity.Edge.Detection;

/// <summary>
/// One input tensor of the detector with everything tied to it: the pinned <see cref="OrtValue"/> over it,
/// an <see cref="OrtIoBinding"/> (this input, the shared output) and the letterbox pre-processor that writes
/// it and remembers its geometry. The detector keeps two, so one can be filled while the other is inferred.
/// </summary>
internal sealed class InputSlot : IDisposable
{
    public InputSlot(InferenceSession session, ModelInputSpec spec, string outputName, OrtValue output)
    {
        var buffer = new float[3 * spec.Width * spec.Height];
        long[] shape = spec.Layout == TensorLayout.Nchw ? [1, 3, spec.Height, spec.Width] : [1, spec.Height, spec.Width, 3];

        // The OrtValue pins the managed array for the detector's lifetime: the runtime reads it in place.
        Value = OrtValue.CreateTensorValueFromMemory(buffer, shape);
        Values = [Value];

        // The per-frame call goes through an I/O binding made once: Run with name and value collections
        // marshals the names on every call (about 350 bytes of garbage per frame), RunWithBinding nothing.
        Binding = session.CreateIoBinding();
        Binding.BindInput(spec.Name, Value);
        Binding.BindOutput(outputName, output);
        Preprocessor = new LetterboxPreprocessor(spec, buffer);
    }

    /// <summary>The input tensor as an ONNX Runtime value.</summary>
    public OrtValue Value { get; }

    /// <summary><see cref="Value"/> alone, for the raw <c>Run</c> overload.</summary>
    public OrtValue[] Values { get; }

    /// <summary>This input and the detector's output, bound once.</summary>
    public OrtIoBinding Binding { get; }

    /// <summary>Writes frames into this slot's tensor and maps boxes back with their geometry.</summary>
    public LetterboxPreprocessor Preprocessor { get; }

    public void Dispose()
    {
        Binding.Dispose();
        Value.Dispose();
    }
}
