namespace SmartCity.Edge.Detection.Tests;

/// <summary>Where the tests find their models and the shared real data.</summary>
internal static class TestPaths
{
    /// <summary>A shipped test model folder (copied next to the test assembly).</summary>
    public static string TestModel(string name) => Path.Combine(AppContext.BaseDirectory, "TestModels", name);

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

    /// <summary>The shared real data beside the repository (../shared/real-data).</summary>
    public static string RealData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "real-data"));

    /// <summary>The shipped YOLOX-Nano model folder (its model.json points at the shared ONNX file).</summary>
    public static string YoloxNanoFolder => Path.Combine(RepositoryRoot, "models", "yolox-nano-coco");

    /// <summary>Copies a test model folder to a fresh temporary folder that the caller may break.</summary>
    public static string CopyToTemp(string name)
    {
        string target = Path.Combine(Path.GetTempPath(), "smartcity-detection-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(TestModel(name)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
