using System.Text.Json.Nodes;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

/// <summary>Bad model folders are refused at load with a message naming the file and the mismatch.</summary>
public sealed class ModelFolderTests : IDisposable
{
    private readonly List<string> _folders = [];

    [Fact]
    public void A_valid_folder_exposes_its_manifest()
    {
        var manifest = ModelManifest.Load(TestPaths.TestModel("yolox"));

        Assert.Equal("test-yolox", manifest.Name);
        Assert.Equal(ModelFormat.Yolox, manifest.Format);
        Assert.Equal(ColorOrder.Bgr, manifest.Input.ColorOrder);
        Assert.Equal(LetterboxPlacement.TopLeft, manifest.Input.Letterbox);
        Assert.Equal(["person", "car", "bus", "dog"], manifest.ClassNames);
        Assert.Equal([TrafficClass.Pedestrian, TrafficClass.Car, TrafficClass.Bus, TrafficClass.Other], manifest.TrafficClassOf);
        Assert.Equal(0.8f, manifest.ClassThresholds["bus"]);
        Assert.Equal("MIT", manifest.Licence);
        Assert.Contains("Unit tests", manifest.Card.IntendedUse, StringComparison.Ordinal);
        Assert.Equal(64, manifest.Sha256.Length);
    }

    [Fact]
    public void Missing_onnx_file_is_refused()
    {
        string folder = Copy("yolox");
        File.Delete(Path.Combine(folder, "model.onnx"));

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_manifest_is_refused()
    {
        string folder = Copy("yolox");
        File.Delete(Path.Combine(folder, "model.json"));

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("model.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_folder_is_refused()
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(Path.Combine(Path.GetTempPath(), "no-such-model-folder")));
        Assert.Contains("no-such-model-folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256_mismatch_is_refused_naming_both_hashes()
    {
        string folder = Copy("yolox");
        Edit(folder, json => json["sha256"] = new string('0', 64));

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains("sha256 mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains(new string('0', 64), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_model_file_fails_its_checksum()
    {
        string folder = Copy("yolox");
        File.AppendAllText(Path.Combine(folder, "model.onnx"), " ");

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("sha256 mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_is_refused()
    {
        string folder = Copy("yolox");
        Edit(folder, json => json["format"] = "ssd-mobilenet");

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains("model.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown \"format\" \"ssd-mobilenet\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_shape_contradicting_the_format_names_output_shape_and_expectation()
    {
        string folder = Copy("yolox");
        Edit(folder, json => json["format"] = "yolov8");

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("output 'output' has shape [1, 84, 9]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expects [1, 8, N]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Class_count_contradicting_the_output_is_refused()
    {
        string folder = Copy("yolov5");
        Edit(folder, json =>
        {
            json["classes"] = new JsonArray("person", "car", "bus");
            json["trafficClasses"]!.AsObject().Remove("dog");
        });

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("output 'output' has shape [1, 252, 9]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("with 3 classes expects [1, N, 8]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_yolox_output_rows_must_match_the_grid()
    {
        string folder = Copy("yolox");
        Edit(folder, json => json["strides"] = new JsonArray(8, 16));

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("expects [1, 80, 9]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_size_mismatch_is_refused()
    {
        string folder = Copy("yolox");
        Edit(folder, json =>
        {
            json["input"]!["width"] = 320;
            json["input"]!["height"] = 320;
        });

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input 'images' has shape [1, 3, 64, 64]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("320x320 NCHW", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_mismatch_is_refused()
    {
        string folder = Copy("yolov8-nhwc");
        Edit(folder, json => json["input"]!["layout"] = "NCHW");

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("[1, 64, 64, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_input_name_lists_the_real_ones()
    {
        string folder = Copy("yolox");
        Edit(folder, json => json["input"]!["name"] = "pixel_values");

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("no input 'pixel_values'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("images", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scoreThreshold", -0.1, "\"scoreThreshold\" is -0.1")]
    [InlineData("nmsIou", 1.5, "\"nmsIou\" is 1.5")]
    public void Out_of_range_thresholds_in_the_manifest_are_refused(string key, double value, string message)
    {
        string folder = Copy("yolox");
        Edit(folder, json => json[key] = value);

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid model.json")]
    [InlineData("", "not valid model.json")]
    [InlineData("null", "empty (null) document")]
    public void Unreadable_manifests_are_refused(string text, string message)
    {
        string folder = Copy("yolox");
        File.WriteAllText(Path.Combine(folder, "model.json"), text);

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("colourOrder", "colourOrder")]
    [InlineData("licence", "\"licence\" is missing")]
    [InlineData("card", "\"card\" (the model card) is missing")]
    [InlineData("classes", "\"classes\" is missing")]
    public void Misspelt_or_missing_keys_are_refused(string key, string message)
    {
        string folder = Copy("yolox");
        Edit(folder, json =>
        {
            if (key == "colourOrder")
            {
                json["input"]!["colourOrder"] = "BGR";
            }
            else
            {
                json.Remove(key);
            }
        });

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_to_an_unknown_traffic_class_is_refused()
    {
        string folder = Copy("yolox");
        Edit(folder, json => json["trafficClasses"]!["car"] = "automobile");

        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains("\"trafficClasses\".\"car\" is \"automobile\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Onnx_override_points_at_a_model_outside_the_folder()
    {
        string folder = Copy("yolox");
        string elsewhere = Path.Combine(folder, "weights");
        Directory.CreateDirectory(elsewhere);
        File.Move(Path.Combine(folder, "model.onnx"), Path.Combine(elsewhere, "yolox-test.onnx"));
        Edit(folder, json => json["onnx"] = "weights/yolox-test.onnx");

        using var detector = ObjectDetector.Load(folder, new DetectorOptions());
        Assert.EndsWith("yolox-test.onnx", detector.Manifest.OnnxPath, StringComparison.Ordinal);

        Edit(folder, json => json["onnx"] = "weights/missing.onnx");
        var ex = Assert.Throws<ModelLoadException>(() => ModelManifest.Load(folder));
        Assert.Contains("\"onnx\": \"weights/missing.onnx\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused_by_the_runtime_with_its_path()
    {
        string folder = Copy("yolox");
        string onnx = Path.Combine(folder, "model.onnx");
        File.WriteAllText(onnx, "not a model");
        Edit(folder, json => json["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(onnx))));

        var ex = Assert.Throws<ModelLoadException>(() => ObjectDetector.Load(folder, new DetectorOptions()));
        Assert.Contains("model.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ONNX Runtime cannot load", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (string folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Copy(string model)
    {
        string folder = TestPaths.CopyToTemp(model);
        _folders.Add(folder);
        return folder;
    }

    private static void Edit(string folder, Action<JsonObject> change)
    {
        string path = Path.Combine(folder, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
