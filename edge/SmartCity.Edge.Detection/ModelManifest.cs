using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// A validated model folder: <c>model.json</c> describing <c>model.onnx</c> (format, input, classes,
/// thresholds, checksum, licence, card). <see cref="Load"/> refuses anything inconsistent with a
/// <see cref="ModelLoadException"/> naming the file and the problem.
/// </summary>
public sealed class ModelManifest
{
    /// <summary>The manifest's file name inside a model folder.</summary>
    public const string ManifestFileName = "model.json";

    /// <summary>The model's file name inside a model folder (unless <c>"onnx"</c> in model.json points elsewhere).</summary>
    public const string OnnxFileName = "model.onnx";

    private static readonly int[] DefaultStrides = [8, 16, 32];

    private ModelManifest()
    {
    }

    /// <summary>The folder the model was loaded from.</summary>
    public string Folder { get; private init; } = "";

    /// <summary>Full path of the ONNX file.</summary>
    public string OnnxPath { get; private init; } = "";

    /// <summary>Model name.</summary>
    public string Name { get; private init; } = "";

    /// <summary>Model version.</summary>
    public string Version { get; private init; } = "";

    /// <summary>Output format.</summary>
    public ModelFormat Format { get; private init; }

    /// <summary>YOLOX only: the export already decodes boxes to input pixels.</summary>
    public bool Decoded { get; private init; }

    /// <summary>Input description.</summary>
    public ModelInputSpec Input { get; private init; } = null!;

    /// <summary>The output to decode, or null for the model's first output.</summary>
    public string? OutputName { get; private init; }

    /// <summary>Rows of an end2end output when the ONNX shape leaves them dynamic.</summary>
    public int? OutputRows { get; private init; }

    /// <summary>YOLOX grid strides.</summary>
    public IReadOnlyList<int> Strides { get; private init; } = DefaultStrides;

    /// <summary>Class names in the model's index order.</summary>
    public IReadOnlyList<string> ClassNames { get; private init; } = [];

    /// <summary>The traffic class of each model class (Other where model.json maps none).</summary>
    public IReadOnlyList<TrafficClass> TrafficClassOf { get; private init; } = [];

    /// <summary>Default score threshold.</summary>
    public float ScoreThreshold { get; private init; }

    /// <summary>Per-class score thresholds by model class name, overriding <see cref="ScoreThreshold"/>.</summary>
    public IReadOnlyDictionary<string, float> ClassThresholds { get; private init; } = new Dictionary<string, float>();

    /// <summary>IoU above which a lower-scored box of the same class is suppressed.</summary>
    public float NmsIou { get; private init; }

    /// <summary>Expected sha256 of the ONNX file (lower-case hex); checked at load.</summary>
    public string Sha256 { get; private init; } = "";

    /// <summary>Licence of the weights (SPDX identifier where there is one).</summary>
    public string Licence { get; private init; } = "";

    /// <summary>The model card.</summary>
    public ModelCard Card { get; private init; } = null!;

    /// <summary>
    /// Reads and validates <c>model.json</c> in <paramref name="folder"/> and checks the ONNX file's sha256.
    /// Does not open the model: <see cref="ObjectDetector.Load"/> also checks the ONNX signature.
    /// </summary>
    /// <exception cref="ModelLoadException">The folder, the manifest or the ONNX file is missing or inconsistent.</exception>
    public static ModelManifest Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new ModelLoadException($"Model folder '{full}' does not exist.");
        }

        string jsonPath = Path.Combine(full, ManifestFileName);
        if (!File.Exists(jsonPath))
        {
            throw new ModelLoadException($"{jsonPath}: missing; a model folder needs {ManifestFileName} beside {OnnxFileName}.");
        }

        ModelJsonDocument? doc;
        try
        {
            using var stream = File.OpenRead(jsonPath);
            doc = JsonSerializer.Deserialize(stream, ModelJsonContext.Default.ModelJsonDocument);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{jsonPath}: not valid model.json: {ex.Message}", ex);
        }

        if (doc is null)
        {
            throw new ModelLoadException($"{jsonPath}: empty (null) document.");
        }

        var manifest = FromDocument(doc, full, jsonPath);
        VerifySha256(manifest.OnnxPath, manifest.Sha256, jsonPath);
        return manifest;
    }

    private static ModelManifest FromDocument(ModelJsonDocument doc, string folder, string jsonPath)
    {
        [DoesNotReturn]
        void Fail(string what) => throw new ModelLoadException($"{jsonPath}: {what}");

        string name = Required(doc.Name, "name", jsonPath);
        string version = Required(doc.Version, "version", jsonPath);
        var format = ParseFormat(Required(doc.Format, "format", jsonPath), jsonPath);
        if (doc.Decoded && format != ModelFormat.Yolox)
        {
            Fail($"\"decoded\": true applies to format 'yolox' only, not '{doc.Format}'.");
        }

        string onnxPath = Path.GetFullPath(Path.Combine(folder, string.IsNullOrWhiteSpace(doc.Onnx) ? OnnxFileName : doc.Onnx));
        if (!File.Exists(onnxPath))
        {
            Fail(doc.Onnx is null
                ? $"the model file {onnxPath} is missing."
                : $"\"onnx\": \"{doc.Onnx}\" points to {onnxPath}, which does not exist.");
        }

        var input = ParseInput(doc.Input ?? throw new ModelLoadException($"{jsonPath}: \"input\" is missing."), jsonPath);

        var classes = doc.Classes;
        if (classes is null || classes.Length == 0)
        {
            Fail("\"classes\" is missing or empty; list the model's class names in index order.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(classes[i]) || !index.TryAdd(classes[i], i))
            {
                Fail($"\"classes\"[{i}] is empty or repeats \"{classes[i]}\".");
            }
        }

        var trafficOf = new TrafficClass[classes.Length];
        foreach (var (modelClass, traffic) in doc.TrafficClasses ?? [])
        {
            if (!index.TryGetValue(modelClass, out int id))
            {
                Fail($"\"trafficClasses\" maps \"{modelClass}\", which is not in \"classes\".");
            }

            if (!TrafficClasses.TryParse(traffic, out var value))
            {
                Fail($"\"trafficClasses\".\"{modelClass}\" is \"{traffic}\"; expected car, bus, truck, motorcycle, bicycle, pedestrian or other.");
            }

            trafficOf[id] = value;
        }

        float score = doc.ScoreThreshold ?? 0.25f;
        CheckUnit(score, "scoreThreshold", jsonPath);
        float nms = doc.NmsIou ?? 0.45f;
        CheckUnit(nms, "nmsIou", jsonPath);
        var classThresholds = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (modelClass, threshold) in doc.ClassThresholds ?? [])
        {
            if (!index.ContainsKey(modelClass))
            {
                Fail($"\"classThresholds\" names \"{modelClass}\", which is not in \"classes\".");
            }

            CheckUnit(threshold, $"classThresholds.{modelClass}", jsonPath);
            classThresholds[modelClass] = threshold;
        }

        int[] strides = doc.Strides ?? DefaultStrides;
        if (strides.Length == 0 || Array.Exists(strides, s => s <= 0 || input.Width % s != 0 || input.Height % s != 0))
        {
            Fail($"\"strides\" [{string.Join(", ", strides)}] must be positive and divide the input size {input.Width}x{input.Height}.");
        }

        if (doc.Output?.Rows is <= 0)
        {
            Fail($"\"output\".\"rows\" is {doc.Output.Rows}; it must be positive.");
        }

        string sha = Required(doc.Sha256, "sha256", jsonPath).Trim().ToLowerInvariant();
        if (sha.Length != 64 || !sha.All(Uri.IsHexDigit))
        {
            Fail($"\"sha256\" \"{doc.Sha256}\" is not 64 hexadecimal digits.");
        }

        string licence = Required(doc.Licence, "licence", jsonPath);
        var card = doc.Card ?? throw new ModelLoadException($"{jsonPath}: \"card\" (the model card) is missing.");
        var modelCard = new ModelCard(
            Required(card.IntendedUse, "card.intendedUse", jsonPath),
            Required(card.TrainingData, "card.trainingData", jsonPath),
            card.Metrics ?? throw new ModelLoadException($"{jsonPath}: \"card.metrics\" is missing (use {{}} when there are none)."),
            Required(card.Limits, "card.limits", jsonPath));

        return new ModelManifest
        {
            Folder = folder,
            OnnxPath = onnxPath,
            Name = name,
            Version = version,
            Format = format,
            Decoded = doc.Decoded,
            Input = input,
            OutputName = string.IsNullOrWhiteSpace(doc.Output?.Name) ? null : doc.Output.Name,
            OutputRows = doc.Output?.Rows,
            Strides = strides,
            ClassNames = classes,
            TrafficClassOf = trafficOf,
            ScoreThreshold = score,
            ClassThresholds = classThresholds,
            NmsIou = nms,
            Sha256 = sha,
            Licence = licence,
            Card = modelCard,
        };
    }

    private static ModelInputSpec ParseInput(ModelInputJson input, string jsonPath)
    {
        string name = Required(input.Name, "input.name", jsonPath);
        if (input.Width <= 0 || input.Height <= 0)
        {
            throw new ModelLoadException($"{jsonPath}: \"input\" width {input.Width} and height {input.Height} must be positive.");
        }

        var layout = (input.Layout ?? "NCHW").ToUpperInvariant() switch
        {
            "NCHW" => TensorLayout.Nchw,
            "NHWC" => TensorLayout.Nhwc,
            _ => throw new ModelLoadException($"{jsonPath}: \"input.layout\" is \"{input.Layout}\"; expected NCHW or NHWC."),
        };
        var color = (input.ColorOrder ?? "RGB").ToUpperInvariant() switch
        {
            "RGB" => ColorOrder.Rgb,
            "BGR" => ColorOrder.Bgr,
            _ => throw new ModelLoadException($"{jsonPath}: \"input.colorOrder\" is \"{input.ColorOrder}\"; expected RGB or BGR."),
        };
        var scale = (input.Scale ?? "0-1") switch
        {
            "0-1" => PixelScale.UnitRange,
            "0-255" => PixelScale.ByteRange,
            _ => throw new ModelLoadException($"{jsonPath}: \"input.scale\" is \"{input.Scale}\"; expected \"0-1\" or \"0-255\"."),
        };
        var letterbox = (input.Letterbox ?? "centre").ToUpperInvariant() switch
        {
            "CENTRE" or "CENTER" => LetterboxPlacement.Centre,
            "TOP-LEFT" => LetterboxPlacement.TopLeft,
            _ => throw new ModelLoadException($"{jsonPath}: \"input.letterbox\" is \"{input.Letterbox}\"; expected \"centre\" or \"top-left\"."),
        };
        var resize = (input.Resize ?? "bilinear").ToUpperInvariant() switch
        {
            "BILINEAR" => ResizeMethod.Bilinear,
            "NEAREST" => ResizeMethod.Nearest,
            _ => throw new ModelLoadException($"{jsonPath}: \"input.resize\" is \"{input.Resize}\"; expected \"bilinear\" or \"nearest\"."),
        };
        float[] mean = input.Mean ?? [0, 0, 0];
        float[] std = input.Std ?? [1, 1, 1];
        if (mean.Length != 3 || std.Length != 3 || Array.Exists(std, s => !(s > 0)))
        {
            throw new ModelLoadException($"{jsonPath}: \"input.mean\" and \"input.std\" need three values each, std all positive.");
        }

        float pad = input.PadValue ?? 114;
        if (pad is < 0 or > 255)
        {
            throw new ModelLoadException($"{jsonPath}: \"input.padValue\" {pad.ToString(CultureInfo.InvariantCulture)} is outside 0–255.");
        }

        return new ModelInputSpec(name, input.Width, input.Height, layout, color, scale, mean, std, letterbox, pad, resize);
    }

    private static ModelFormat ParseFormat(string format, string jsonPath) => format.ToUpperInvariant() switch
    {
        "YOLOV5" => ModelFormat.Yolov5,
        "YOLOV8" or "YOLOV11" or "YOLO11" => ModelFormat.Yolov8,
        "YOLOX" => ModelFormat.Yolox,
        "END2END" => ModelFormat.End2End,
        _ => throw new ModelLoadException(
            $"{jsonPath}: unknown \"format\" \"{format}\"; expected yolov5, yolov8 (also yolo11), yolox or end2end."),
    };

    private static string Required(string? value, string key, string jsonPath) =>
        string.IsNullOrWhiteSpace(value) ? throw new ModelLoadException($"{jsonPath}: \"{key}\" is missing or empty.") : value;

    private static void CheckUnit(float value, string key, string jsonPath)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ModelLoadException(
                $"{jsonPath}: \"{key}\" is {value.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 1.");
        }
    }

    private static void VerifySha256(string onnxPath, string expected, string jsonPath)
    {
        string actual;
        using (var stream = File.OpenRead(onnxPath))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new ModelLoadException(
                $"{onnxPath}: sha256 mismatch: the file hashes to {actual}, {jsonPath} declares {expected}.");
        }
    }
}
