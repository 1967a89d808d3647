using System.Collections.Concurrent;
using SkiaSharp;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>
/// The image a technician draws on. A real device's snapshot is a file the device provided
/// (<c>{DataDirectory}/snapshots/{device}.png</c> or <c>.jpg</c>); for a simulated camera one frame of its synthetic scene
/// is rendered (after the scene's warm-up, so there is traffic on the lanes) and encoded as PNG with SkiaSharp.
/// </summary>
public sealed class CalibrationSnapshots(DashboardOptions options)
{
    private readonly ConcurrentDictionary<string, Snapshot> _rendered = new(StringComparer.Ordinal);

    /// <summary>The snapshot of <paramref name="file"/>'s device, or null when there is none (a real camera that has not sent one).</summary>
    public Snapshot? Get(DeviceConfigFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        foreach (string ext in new[] { "png", "jpg", "jpeg" })
        {
            string path = Path.Combine(options.DataDirectory, "snapshots", $"{file.DeviceId}.{ext}");
            if (File.Exists(path))
            {
                byte[] bytes = File.ReadAllBytes(path);
                using var codec = SKCodec.Create(new MemoryStream(bytes));
                if (codec is null)
                {
                    return null;
                }

                return new Snapshot(bytes, ext == "png" ? "image/png" : "image/jpeg", codec.Info.Width, codec.Info.Height, "provided by the device");
            }
        }

        if (!file.IsSynthetic || !ScenarioCatalog.TryGet(file.Scenario, out ScenarioOptions? scenario))
        {
            return null;
        }

        return _rendered.GetOrAdd($"{file.Scenario}#{file.Seed}", _ => Render(scenario, file.Seed ?? scenario.Seed));
    }

    private static Snapshot Render(ScenarioOptions scenario, int seed)
    {
        var scene = new SyntheticTrafficScene(scenario with { Duration = null }, seed, pool: null);
        using Frame frame = Frame.Allocate(scene.Width, scene.Height, PixelFormat.Bgr24);
        scene.RenderNext(frame);
        var info = new SKImageInfo(scene.Width, scene.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Span<byte> rgba = bitmap.GetPixelSpan();
        for (int y = 0; y < scene.Height; y++)
        {
            ReadOnlySpan<byte> row = frame.Pixels.Slice(y * frame.Stride, scene.Width * 3);
            Span<byte> dst = rgba.Slice(y * bitmap.RowBytes, scene.Width * 4);
            for (int x = 0; x < scene.Width; x++)
            {
                dst[(x * 4) + 0] = row[(x * 3) + 2];
                dst[(x * 4) + 1] = row[(x * 3) + 1];
                dst[(x * 4) + 2] = row[x * 3];
                dst[(x * 4) + 3] = 255;
            }
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return new Snapshot(png.ToArray(), "image/png", scene.Width, scene.Height, $"rendered from the synthetic scene '{scenario.Name}' (seed {seed})");
    }

    /// <summary>An encoded image and its size.</summary>
    /// <param name="Bytes">PNG or JPEG bytes.</param>
    /// <param name="ContentType">Media type.</param>
    /// <param name="Width">Width in pixels (the camera's frame width).</param>
    /// <param name="Height">Height in pixels.</param>
    /// <param name="Origin">Where it came from, for the page.</param>
    public sealed record Snapshot(byte[] Bytes, string ContentType, int Width, int Height, string Origin);
}
