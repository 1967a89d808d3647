using System.Security.Cryptography;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Tests;

/// <summary>Shared helpers: short scenario variants and frame hashing.</summary>
internal static class SceneTestKit
{
    /// <summary>A preset shortened to <paramref name="seconds"/> so tests stay quick.</summary>
    public static ScenarioOptions Short(ScenarioOptions preset, double seconds = 20) => preset with { Duration = TimeSpan.FromSeconds(seconds) };

    public static Frame NewFrame(SyntheticTrafficScene scene) => Frame.Allocate(scene.Width, scene.Height, PixelFormat.Bgr24);

    /// <summary>SHA-256 over the pixels and ground truth of the next <paramref name="frames"/> frames.</summary>
    public static string Hash(SyntheticTrafficScene scene, int frames)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using Frame frame = NewFrame(scene);
        for (int i = 0; i < frames; i++)
        {
            Assert.True(scene.RenderNext(frame));
            sha.AppendData(frame.Pixels);
            foreach (GroundTruthObject o in frame.GroundTruth!.Objects)
            {
                sha.AppendData(System.Text.Encoding.UTF8.GetBytes(o.ToString()));
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Mean luminance (BT.601) of a Bgr24 image.</summary>
    public static double MeanLuminance(ReadOnlySpan<byte> bgr)
    {
        double sum = 0;
        for (int i = 0; i < bgr.Length; i += 3)
        {
            sum += (0.114 * bgr[i]) + (0.587 * bgr[i + 1]) + (0.299 * bgr[i + 2]);
        }

        return sum / (bgr.Length / 3);
    }
}
