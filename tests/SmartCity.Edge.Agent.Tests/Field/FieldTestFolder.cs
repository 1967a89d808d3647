namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>A temporary folder for one test, with helpers that write device configurations.</summary>
internal sealed class FieldTestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("smartcity-field-").FullName;

    public string Write(string name, string text)
    {
        string file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>A synthetic-camera device with the demo model and the given sensors/uplink JSON fragments.</summary>
    public string Config(string sensorsJson = "[]", string? uplinkJson = null, string name = "device.json") => Write(name, $$"""
        {
          "device": { "id": "field-test-01", "site": "lab" },
          "source": { "type": "synthetic" },
          "synthetic": { "scenario": "light" },
          "detector": { "model": "{{TestData.DemoModel.Replace("\\", "/", StringComparison.Ordinal)}}" },
          "sensors": { "summaryInterval": "00:01:00", "items": {{sensorsJson}} }{{(uplinkJson is null ? "" : $",\n  \"uplink\": {uplinkJson}")}}
        }
        """);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
