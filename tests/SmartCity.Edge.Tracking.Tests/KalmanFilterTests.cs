using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Tracking.Tests;

public class KalmanFilterTests
{
    [Theory]
    [InlineData(10.0, 80.0, -30.0)]
    [InlineData(30.0, 80.0, -30.0)]
    [InlineData(2.0, 25.0, 10.0)]
    public void Constant_velocity_is_learned_from_noisy_boxes(double fps, double vx, double vy)
    {
        var rng = new Random(3);
        var filter = default(BoxKalmanFilter);
        double dt = 1 / fps;
        int frames = (int)(6 * fps);
        for (int k = 0; k <= frames; k++)
        {
            double t = k * dt;
            float cx = (float)(100 + (vx * t) + Noise(rng, 1.0)), cy = (float)(300 + (vy * t) + Noise(rng, 1.0));
            BoxF measured = TrackerTestKit.Box(cx, cy, 60 + (float)Noise(rng, 0.5), 40 + (float)Noise(rng, 0.5));
            if (k == 0)
            {
                filter.Initiate(measured);
            }
            else
            {
                filter.Predict(dt);
                filter.Update(measured);
            }
        }

        Assert.InRange(filter.VelocityX, vx - 6, vx + 6);
        Assert.InRange(filter.VelocityY, vy - 6, vy + 6);
        Assert.InRange(filter.Box.CenterX, 100 + (vx * frames * dt) - 4, 100 + (vx * frames * dt) + 4);
        Assert.InRange(filter.Box.Width, 58, 62);

        // One second of pure prediction follows the learned velocity.
        float before = filter.Box.CenterX;
        filter.Predict(1.0);
        Assert.InRange(filter.Box.CenterX - before, vx - 6, vx + 6);
    }

    [Fact]
    public void A_jittering_stationary_box_keeps_a_small_velocity()
    {
        var rng = new Random(5);
        var filter = default(BoxKalmanFilter);
        filter.Initiate(TrackerTestKit.Box(320, 240, 60, 40));
        double sumSquares = 0;
        int n = 0;
        for (int k = 1; k < 300; k++)
        {
            filter.Predict(0.1);
            filter.Update(TrackerTestKit.Box(320 + (float)Noise(rng, 1.5), 240 + (float)Noise(rng, 1.5), 60 + (float)Noise(rng, 1), 40 + (float)Noise(rng, 1)));
            if (k > 20)
            {
                sumSquares += (filter.VelocityX * filter.VelocityX) + (filter.VelocityY * filter.VelocityY);
                n++;
            }
        }

        // 1.5 px of jitter must not look like motion: the tracker takes a lost track below 0.3 box heights per
        // second (12 px/s here) as standing still, so the typical speed of a jittering box must stay well below.
        double rms = Math.Sqrt(sumSquares / n);
        Assert.True(rms < 10, $"RMS speed {rms:F1} px/s");
    }

    [Fact]
    public void Irregular_intervals_give_the_same_velocity()
    {
        var filter = default(BoxKalmanFilter);
        double t = 0;
        double[] gaps = [0.1, 0.05, 0.3, 0.1, 0.2, 0.04, 0.5, 0.1, 0.1, 0.25];
        filter.Initiate(TrackerTestKit.Box(50, 200, 40, 30));
        for (int k = 0; k < 60; k++)
        {
            double dt = gaps[k % gaps.Length];
            t += dt;
            filter.Predict(dt);
            filter.Update(TrackerTestKit.Box((float)(50 + (60 * t)), 200, 40, 30));
        }

        Assert.InRange(filter.VelocityX, 58, 62);
        Assert.InRange(filter.VelocityY, -1, 1);
    }

    [Fact]
    public void Damping_stops_the_size_and_slows_the_centre()
    {
        var filter = default(BoxKalmanFilter);
        filter.Initiate(TrackerTestKit.Box(50, 200, 40, 30));
        for (int k = 1; k < 40; k++)
        {
            filter.Predict(0.1);
            filter.Update(TrackerTestKit.Box(50 + (10 * k), 200 + (2 * k), 40 + (0.5f * k), 30 + (0.3f * k)));
        }

        float vx = filter.VelocityX;
        BoxF before = filter.Box;
        filter.DampVelocity(0.5);
        Assert.Equal(vx * 0.5f, filter.VelocityX, 3);
        filter.Predict(1.0);
        Assert.Equal(before.Width, filter.Box.Width, 3);
        Assert.Equal(before.Height, filter.Box.Height, 3);
    }

    private static double Noise(Random rng, double sigma) =>
        sigma * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
