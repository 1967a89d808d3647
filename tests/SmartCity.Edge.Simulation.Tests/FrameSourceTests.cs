using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Tests;

public class FrameSourceTests
{
    [Fact]
    public async Task ReadAsync_gives_timestamped_frames_with_ground_truth_and_ends_after_the_duration()
    {
        ScenarioOptions options = ScenarioCatalog.Light with { Duration = TimeSpan.FromSeconds(3), Fps = 5 };
        var pool = new FramePool(options.Width, options.Height);
        await using var scene = new SyntheticTrafficScene(options, pool);
        Assert.Equal(640, scene.Width);
        Assert.Equal(480, scene.Height);
        Assert.Equal(5, scene.NominalFps);
        int n = 0;
        while (await scene.ReadAsync(CancellationToken.None) is { } frame)
        {
            using (frame)
            {
                Assert.Equal(n, frame.Sequence);
                Assert.Equal(new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero) + TimeSpan.FromMilliseconds(200 * n), frame.Timestamp);
                Assert.NotNull(frame.GroundTruth);
                Assert.NotNull(frame.GroundTruth.SignalPhase);
                n++;
            }
        }

        Assert.Equal(15, n);
        Assert.Null(await scene.ReadAsync(CancellationToken.None));
        Assert.True(pool.Created <= 2, $"pool created {pool.Created} buffers");
    }

    [Fact]
    public void An_unbounded_scenario_keeps_going_and_the_road_has_no_signal_phase()
    {
        var scene = new SyntheticTrafficScene(ScenarioCatalog.Road with { Duration = null }, null);
        using Frame frame = SceneTestKit.NewFrame(scene);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(scene.RenderNext(frame));
        }

        Assert.Null(scene.FrameCount);
        Assert.Null(frame.GroundTruth!.SignalPhase);
        Assert.Equal("synthetic:road#606", scene.Name);
    }

    [Fact]
    public void RenderNext_rejects_a_frame_of_the_wrong_size()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Static, 1), null);
        using Frame frame = Frame.Allocate(320, 240, PixelFormat.Bgr24);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => scene.RenderNext(frame));
        Assert.Contains("640x480", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steady_state_rendering_allocates_almost_nothing()
    {
        var pool = new FramePool(640, 480);
        var scene = new SyntheticTrafficScene(ScenarioCatalog.DenseQueue with { Duration = null }, pool);
        for (int i = 0; i < 100; i++)
        {
            (await scene.ReadAsync(CancellationToken.None))!.Dispose();
        }

        const int frames = 200;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < frames; i++)
        {
            Frame frame = (await scene.ReadAsync(CancellationToken.None))!;
            frame.Dispose();
        }

        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / frames;
        Assert.True(perFrame < 1024, $"{perFrame} bytes allocated per frame");
    }
}
