using System.Text.Json.Serialization;

namespace SmartCity.Edge.Updates;

/// <summary>What a bundle updates (JSON "config" or "model").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BundleKind>))]
public enum BundleKind
{
    /// <summary>A device configuration (<c>device.json</c> and files it names).</summary>
    [JsonStringEnumMemberName("config")]
    Config,

    /// <summary>A detection model folder (<c>model.onnx</c>, <c>model.json</c>, optionally <c>selftest.png</c>).</summary>
    [JsonStringEnumMemberName("model")]
    Model,
}

/// <summary>Names of <see cref="BundleKind"/> values as they appear on the wire and on the command line.</summary>
public static class BundleKinds
{
    /// <summary>"config" or "model".</summary>
    public static string ToName(this BundleKind kind) => kind switch
    {
        BundleKind.Config => "config",
        BundleKind.Model => "model",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown bundle kind."),
    };

    /// <summary>Parses "config" or "model".</summary>
    public static bool TryParse(string? name, out BundleKind kind)
    {
        switch (name)
        {
            case "config": kind = BundleKind.Config; return true;
            case "model": kind = BundleKind.Model; return true;
            default: kind = default; return false;
        }
    }
}
