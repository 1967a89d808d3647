using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Checks an opened ONNX model against its manifest: the declared input exists with the declared size and
/// layout, and the output's rank and shape fit the declared format and class count. Dynamic dimensions are
/// accepted and resolved from the format, so the output buffer can be allocated once.
/// </summary>
internal static class OnnxSignature
{
    /// <summary>Row count of an end2end output when neither the ONNX shape nor model.json fixes it.</summary>
    public const int DefaultEnd2EndRows = 300;

    /// <summary>Validates and returns the output to decode with its fully resolved shape.</summary>
    /// <exception cref="ModelLoadException">The model does not match the manifest.</exception>
    public static (string OutputName, long[] OutputShape) Validate(InferenceSession session, ModelManifest manifest)
    {
        string file = manifest.OnnxPath;
        var spec = manifest.Input;
        var inputs = session.InputMetadata;
        if (!inputs.TryGetValue(spec.Name, out var input))
        {
            throw new ModelLoadException(
                $"{file}: has no input '{spec.Name}' (declared in model.json); its inputs are: {string.Join(", ", inputs.Keys)}.");
        }

        if (inputs.Count != 1)
        {
            throw new ModelLoadException(
                $"{file}: has {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); the detector feeds exactly one image input.");
        }

        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
        {
            throw new ModelLoadException(
                $"{file}: input '{spec.Name}' is {input.ElementDataType}; the detector feeds float32 (int8 QDQ models keep float32 inputs).");
        }

        int[] expectedInput = spec.Layout == TensorLayout.Nchw ? [1, 3, spec.Height, spec.Width] : [1, spec.Height, spec.Width, 3];
        if (!Fits(input.Dimensions, expectedInput))
        {
            throw new ModelLoadException(
                $"{file}: input '{spec.Name}' has shape {Shape(input.Dimensions)}, but model.json declares " +
                $"{spec.Width}x{spec.Height} {spec.Layout.ToString().ToUpperInvariant()}, that is {Shape(expectedInput)}.");
        }

        var outputs = session.OutputMetadata;
        string outputName = manifest.OutputName ?? session.OutputNames[0];
        if (!outputs.TryGetValue(outputName, out var output))
        {
            throw new ModelLoadException(
                $"{file}: has no output '{outputName}' (declared in model.json); its outputs are: {string.Join(", ", outputs.Keys)}.");
        }

        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float)
        {
            throw new ModelLoadException($"{file}: output '{outputName}' is {output.ElementDataType}; expected a float32 tensor.");
        }

        var (expected, description) = ExpectedOutput(manifest);
        int[] actual = output.Dimensions;
        if (!Fits(actual, expected))
        {
            string hint = manifest.Format == ModelFormat.Yolov8 && actual.Length == 3 && actual[2] == expected[1]
                ? " It looks row-major [1, N, 4+classes]; YOLOv8/YOLO11 exports are channel-major — check the format or the export."
                : "";
            throw new ModelLoadException(
                $"{file}: output '{outputName}' has shape {Shape(actual)}, but format '{manifest.Format.ToString().ToLowerInvariant()}' " +
                $"with {manifest.ClassNames.Count} classes expects {Shape(expected)} ({description}).{hint}");
        }

        var shape = new long[3];
        for (int i = 0; i < 3; i++)
        {
            shape[i] = actual[i] > 0 ? actual[i] : Math.Abs(expected[i]);
        }

        return (outputName, shape);
    }

    /// <summary>
    /// The output shape a format implies; -1 where any size is acceptable. For dimensions the model leaves
    /// dynamic, the value in the returned shape is used (so no -1 remains where the format fixes it).
    /// </summary>
    private static (int[] Shape, string Description) ExpectedOutput(ModelManifest m)
    {
        int classes = m.ClassNames.Count;
        int cells = YoloxGrid.CellCount(m.Input.Width, m.Input.Height, m.Strides);
        return m.Format switch
        {
            ModelFormat.Yolox when !m.Decoded => ([1, cells, 5 + classes],
                $"one row per grid cell of strides {string.Join("/", m.Strides)} on {m.Input.Width}x{m.Input.Height}: x, y, w, h, objectness, class scores"),
            ModelFormat.Yolox => ([1, -cells, 5 + classes], "rows cx, cy, w, h in input pixels, objectness, class scores"),
            ModelFormat.Yolov5 => ([1, -3 * cells, 5 + classes], "rows cx, cy, w, h, objectness, class scores"),
            ModelFormat.Yolov8 => ([1, 4 + classes, -cells], "channel-major: 4 box values then one score per class, by N anchors"),
            _ => ([1, -(m.OutputRows ?? DefaultEnd2EndRows), 6], "rows x1, y1, x2, y2, score, class, already NMS'd"),
        };
    }

    /// <summary>
    /// True when every fixed model dimension equals the expectation; a negative expectation -v means
    /// "any size" (v is used when the model leaves that dimension dynamic).
    /// </summary>
    private static bool Fits(int[] actual, int[] expected)
    {
        if (actual.Length != expected.Length)
        {
            return false;
        }

        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] > 0 && expected[i] > 0 && actual[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A shape for messages: "?" for a dynamic model dimension, "N" for an expected one of any size.</summary>
    private static string Shape(int[] dims) =>
        "[" + string.Join(", ", Array.ConvertAll(dims, d => d switch
        {
            > 0 => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            0 or -1 => "?",
            _ => "N",
        })) + "]";
}
