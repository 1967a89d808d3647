namespace SmartCity.Cloud.Server;

/// <summary>Where the server keeps its data when no <c>--data</c> is given.</summary>
internal static class DataFolders
{
    /// <summary>
    /// <c>./data</c> of the repository when the server runs inside a checkout (a folder with <c>SmartCity.sln</c> at or
    /// above the working directory), else <c>~/.local/share/smartcity</c> (XDG data home).
    /// </summary>
    public static string Default() =>
        RepositoryRoot() is { } repo ? Path.Combine(repo, "data") : XdgDefault();

    /// <summary>The repository checkout at or above the working directory (has <c>SmartCity.sln</c>); null outside one.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string XdgDefault()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string home = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(home, "smartcity");
    }
}
