namespace SmartCity.Edge.Agent.Tests;

/// <summary>Where the accuracy-harness tests find their models.</summary>
internal static class EvalTestPaths
{
    /// <summary>The repository root: the first folder above the test assembly holding SmartCity.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No SmartCity.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The bundled demo model folder.</summary>
    public static string DemoModel => Path.Combine(RepositoryRoot, "models", "demo-traffic");

    /// <summary>The YOLOX-Nano model folder (its model.json points into the shared real data).</summary>
    public static string YoloxFolder => Path.Combine(RepositoryRoot, "models", "yolox-nano-coco");

    /// <summary>The shared YOLOX-Nano weights.</summary>
    public static string YoloxOnnx => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "real-data", "models", "yolox-nano", "yolox_nano.onnx"));

    /// <summary>The model the harness test uses: the demo model when present, else YOLOX-Nano when its weights are present, else null.</summary>
    public static string? Model =>
        File.Exists(Path.Combine(DemoModel, "model.json")) ? DemoModel
        : File.Exists(YoloxOnnx) ? YoloxFolder
        : null;
}
