namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>Finds a model folder given on the command line, or the bundled default.</summary>
internal static class ModelLocator
{
    /// <summary>The bundled int8 demo model, relative to the repository root.</summary>
    public const string DefaultModel = "models/demo-traffic";

    /// <summary>
    /// A path as given when it exists; otherwise, for a relative path, the same path under the nearest parent
    /// of the working directory or of the program's folder that has it (so <c>dotnet run</c> from anywhere in
    /// the repository finds <c>models/…</c>). Returns the path as given when nothing matches, so the loader's
    /// error names what the user typed.
    /// </summary>
    public static string Resolve(string? path)
    {
        path = string.IsNullOrWhiteSpace(path) ? DefaultModel : path;
        if (Directory.Exists(path) || Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(path);
    }
}
