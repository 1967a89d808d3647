namespace SmartCity.Edge.Detection;

/// <summary>The <c>input</c> object of a <c>model.json</c>.</summary>
internal sealed record ModelInputJson
{
    public string? Name { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public string? Layout { get; init; }

    public string? ColorOrder { get; init; }

    public string? Scale { get; init; }

    public float[]? Mean { get; init; }

    public float[]? Std { get; init; }

    public string? Letterbox { get; init; }

    public float? PadValue { get; init; }

    public string? Resize { get; init; }
}
