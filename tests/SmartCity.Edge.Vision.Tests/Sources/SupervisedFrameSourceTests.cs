using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Sources;
using SmartCity.Edge.Vision.Tests.Doubles;
using Xunit;

namespace SmartCity.Edge.Vision.Tests.Sources;

public class SupervisedFrameSourceTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Slow_consumer_drops_oldest_frames_counts_them_and_returns_them_to_the_pool()
    {
        var pool = new FramePool(4, 4, maxRetained: 64);
        var source = new CountingFrameSource(pool, limit: 400, interval: TimeSpan.FromMilliseconds(1));
        var supervisor = new SupervisedFrameSource("counting", () => source, Fast());
        supervisor.Start();

        long consumed = 0;
        long lastSequence = -1;
        await foreach (Frame frame in supervisor.Frames.ReadAllAsync().WithCancellation(Timeout()))
        {
            using (frame)
            {
                Assert.True(frame.Sequence > lastSequence, "frames arrive in order, the newest kept");
                lastSequence = frame.Sequence;
                consumed++;
                await Task.Delay(10);
            }
        }

        await supervisor.DisposeAsync();
        SourceHealth health = supervisor.Health;
        Assert.Equal(SourceState.Ended, health.State);
        Assert.Equal(400, health.FramesRead);
        Assert.True(health.FramesDropped > 100, $"only {health.FramesDropped} dropped");
        Assert.Equal(health.FramesRead, consumed + health.FramesDropped);
        Assert.Equal(399, lastSequence);
        // Capacity 2 + one being written + one held by the consumer: the pool never grows with the drops.
        Assert.InRange(pool.Created, 1, 5);
    }

    [Fact]
    public async Task Source_failing_every_few_frames_restarts_with_backoff_and_frames_keep_coming()
    {
        var pool = new FramePool(4, 4);
        var opened = new ConcurrentBag<FailingFrameSource>();
        var states = new ConcurrentQueue<SourceState>();
        var supervisor = new SupervisedFrameSource("failing", () =>
        {
            var source = new FailingFrameSource(pool, framesBeforeFailure: 5);
            opened.Add(source);
            return source;
        }, Fast());
        supervisor.HealthChanged += (_, health) => states.Enqueue(health.State);
        supervisor.Start();

        var sequences = new List<long>();
        await foreach (Frame frame in supervisor.Frames.ReadAllAsync().WithCancellation(Timeout()))
        {
            using (frame)
            {
                sequences.Add(frame.Sequence);
            }

            if (sequences.Count == 20)
            {
                break;
            }
        }

        SourceHealth health = supervisor.Health;
        await supervisor.DisposeAsync();

        Assert.True(health.Restarts >= 3, $"{health.Restarts} restarts");
        Assert.Contains("exited with code 1", health.LastError, StringComparison.Ordinal);
        Assert.NotNull(health.LastErrorAt);
        Assert.Contains(SourceState.Restarting, states);
        Assert.Equal(SourceState.Stopped, supervisor.Health.State);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.All(opened, source => Assert.True(source.Disposed));
    }

    [Fact]
    public async Task Stalled_source_is_detected_by_the_watchdog_and_reopened()
    {
        var pool = new FramePool(4, 4);
        int openings = 0;
        var options = Fast();
        options.StallTimeout = TimeSpan.FromMilliseconds(150);
        var supervisor = new SupervisedFrameSource("stalled", () =>
        {
            Interlocked.Increment(ref openings);
            return new StalledFrameSource(pool, framesBeforeStall: 2);
        }, options);
        supervisor.Start();

        int received = 0;
        await foreach (Frame frame in supervisor.Frames.ReadAllAsync().WithCancellation(Timeout()))
        {
            frame.Dispose();
            if (++received == 6)
            {
                break;
            }
        }

        SourceHealth health = supervisor.Health;
        await supervisor.DisposeAsync();

        Assert.True(Volatile.Read(ref openings) >= 3);
        Assert.True(health.Restarts >= 2);
        Assert.Contains("stalled", health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unplugged_camera_backs_off_longer_each_time_and_recovers_when_revived()
    {
        var pool = new FramePool(4, 4);
        var dead = new StrongBox<bool>(false);
        var options = Fast();
        options.InitialBackoff = TimeSpan.FromMilliseconds(10);
        options.MaxBackoff = TimeSpan.FromMilliseconds(80);
        var delays = new ConcurrentQueue<TimeSpan>();
        var supervisor = new SupervisedFrameSource("revivable", () => RevivableFrameSource.Open(pool, dead), options);
        supervisor.HealthChanged += (_, health) =>
        {
            if (health.NextRestartIn is { } delay)
            {
                delays.Enqueue(delay);
            }
        };
        supervisor.Start();
        using CancellationTokenSource timeout = new(TestTimeout);

        Frame first = await supervisor.Frames.ReadAsync(timeout.Token);
        first.Dispose();
        Volatile.Write(ref dead.Value, true);
        while (supervisor.Health.Restarts < 5)
        {
            await Task.Delay(10, timeout.Token);
        }

        while (supervisor.Frames.TryRead(out Frame? stale))
        {
            stale.Dispose();
        }

        Volatile.Write(ref dead.Value, false);
        Frame revived = await supervisor.Frames.ReadAsync(timeout.Token);
        revived.Dispose();
        SourceHealth health = supervisor.Health;
        await supervisor.DisposeAsync();

        TimeSpan[] waits = [.. delays];
        Assert.True(waits.Length >= 5);
        Assert.Equal(TimeSpan.FromMilliseconds(10), waits[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), waits[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(40), waits[2]);
        Assert.Equal(TimeSpan.FromMilliseconds(80), waits[3]);
        Assert.Equal(TimeSpan.FromMilliseconds(80), waits[4]);
        Assert.Contains("unplugged", health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normal_end_of_stream_completes_the_channel_without_an_exception()
    {
        var pool = new FramePool(4, 4);
        var options = Fast();
        options.ChannelCapacity = 16;
        var supervisor = new SupervisedFrameSource("finite", () => new CountingFrameSource(pool, limit: 5), options);
        supervisor.Start();

        var received = new List<long>();
        await foreach (Frame frame in supervisor.Frames.ReadAllAsync().WithCancellation(Timeout()))
        {
            received.Add(frame.Sequence);
            frame.Dispose();
        }

        await supervisor.Completion;
        Assert.Equal([0, 1, 2, 3, 4], received);
        Assert.Equal(SourceState.Ended, supervisor.Health.State);
        Assert.Equal(0, supervisor.Health.Restarts);
        await supervisor.DisposeAsync();
    }

    [Fact]
    public async Task Restart_at_end_reopens_a_finite_source_and_keeps_numbering()
    {
        var pool = new FramePool(4, 4);
        var options = Fast();
        options.ChannelCapacity = 64;
        options.RestartAtEnd = true;
        var supervisor = new SupervisedFrameSource("loop", () => new CountingFrameSource(pool, limit: 3), options);
        supervisor.Start();

        var received = new List<long>();
        await foreach (Frame frame in supervisor.Frames.ReadAllAsync().WithCancellation(Timeout()))
        {
            received.Add(frame.Sequence);
            frame.Dispose();
            if (received.Count == 9)
            {
                break;
            }
        }

        await supervisor.DisposeAsync();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], received);
        Assert.True(supervisor.Health.Restarts >= 2);
    }

    [Fact]
    public async Task A_source_that_cannot_even_be_created_is_retried_and_never_throws_into_the_consumer()
    {
        int attempts = 0;
        var supervisor = new SupervisedFrameSource("broken", () =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("device busy");
        }, Fast());
        supervisor.Start();
        using var timeout = new CancellationTokenSource(TestTimeout);
        while (Volatile.Read(ref attempts) < 4)
        {
            await Task.Delay(5, timeout.Token);
        }

        await supervisor.DisposeAsync();

        Assert.True(supervisor.Frames.Completion.IsCompletedSuccessfully);
        Assert.Equal(SourceState.Stopped, supervisor.Health.State);
        Assert.Equal("device busy", supervisor.Health.LastError);
    }

    [Fact]
    public async Task With_back_pressure_a_slow_consumer_gets_every_frame_in_order_and_nothing_is_dropped()
    {
        var pool = new FramePool(4, 4, maxRetained: 64);
        var source = new CountingFrameSource(pool, limit: 200, interval: TimeSpan.FromMilliseconds(1));
        var options = Fast();
        options.BackPressure = true;
        var supervisor = new SupervisedFrameSource("counting", () => source, options);
        supervisor.Start();

        long consumed = 0;
        long expected = 0;
        await foreach (Frame frame in supervisor.Frames.ReadAllAsync().WithCancellation(Timeout()))
        {
            using (frame)
            {
                Assert.Equal(expected++, frame.Sequence);
                consumed++;
                await Task.Delay(consumed % 20 == 0 ? 30 : 2);
            }
        }

        await supervisor.DisposeAsync();
        Assert.True(supervisor.BackPressure);
        SourceHealth health = supervisor.Health;
        Assert.Equal(SourceState.Ended, health.State);
        Assert.Equal(200, consumed);
        Assert.Equal(0, health.FramesDropped);
        // The source waited instead of renting more: capacity 2 + one waiting to be written + one with the consumer.
        Assert.InRange(pool.Created, 1, 5);
    }

    [Fact]
    public async Task With_back_pressure_stopping_while_the_source_waits_returns_its_frame_to_the_pool()
    {
        var pool = new FramePool(4, 4, maxRetained: 8);
        var options = Fast();
        options.BackPressure = true;
        var supervisor = new SupervisedFrameSource("counting", () => new CountingFrameSource(pool, limit: 100), options);
        supervisor.Start();
        // Nobody reads: the channel fills (2) and the pump waits with a third frame.
        while (supervisor.Health.FramesRead < 3)
        {
            await Task.Delay(5, Timeout());
        }

        await supervisor.DisposeAsync();

        Assert.True(supervisor.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, supervisor.Health.FramesDropped);
        long created = pool.Created;
        Assert.Equal(3, created);
        // All three buffers are back in the pool: renting three creates nothing new.
        using Frame a = pool.Rent(4, 4, PixelFormat.Bgr24);
        using Frame b = pool.Rent(4, 4, PixelFormat.Bgr24);
        using Frame c = pool.Rent(4, 4, PixelFormat.Bgr24);
        Assert.Equal(created, pool.Created);
    }

    [Theory]
    [InlineData("folder", null, false, true)]
    [InlineData("ffmpeg", null, false, true)]
    [InlineData("ffmpeg", "rtsp://cam/stream", false, false)]
    [InlineData("folder", null, true, false)]
    [InlineData("v4l2", null, false, false)]
    [InlineData("libcamera", null, false, false)]
    [InlineData("synthetic", null, false, true)]
    [InlineData("synthetic", null, true, false)]
    public void Back_pressure_by_default_only_for_sources_read_faster_than_real_time(string type, string? url, bool realTime, bool expected)
    {
        var options = new FrameSourceOptions { Type = type, Url = url, RealTime = realTime };

        Assert.Equal(expected, FrameSourceFactory.ReplaysFasterThanRealTime(options));
    }

    [Fact]
    public async Task The_factory_resolves_back_pressure_per_source_unless_the_configuration_sets_it()
    {
        var factory = new FrameSourceFactory();
        var pool = new FramePool(4, 4, maxRetained: 8);
        string folder = Directory.CreateTempSubdirectory("smartcity-bp-").FullName;
        try
        {
            var replay = new FrameSourceOptions { Type = "folder", Path = folder };
            await using (var a = factory.CreateSupervised(replay, pool))
            {
                Assert.True(a.BackPressure);
            }

            await using (var b = factory.CreateSupervised(new FrameSourceOptions { Type = "folder", Path = folder, RealTime = true, Fps = 5 }, pool))
            {
                Assert.False(b.BackPressure);
            }

            await using (var c = factory.CreateSupervised(replay, pool, new SupervisedFrameSourceOptions { BackPressure = false }))
            {
                Assert.False(c.BackPressure);
            }

            // The configuration's own options object is left as it was (one device's choice is not another's).
            var shared = new SupervisedFrameSourceOptions { ChannelCapacity = 3 };
            await using (var d = factory.CreateSupervised(replay, pool, shared))
            {
                Assert.True(d.BackPressure);
                Assert.Null(shared.BackPressure);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Dispose_returns_buffered_frames_to_the_pool()
    {
        var pool = new FramePool(4, 4, maxRetained: 8);
        var supervisor = new SupervisedFrameSource("counting", () => new CountingFrameSource(pool, limit: 2), Fast());
        supervisor.Start();
        await supervisor.Completion.WaitAsync(TestTimeout);

        await supervisor.DisposeAsync();

        Assert.False(supervisor.Frames.TryRead(out _));
        // Both buffers are back: renting twice more creates nothing new.
        long created = pool.Created;
        using Frame a = pool.Rent(4, 4, PixelFormat.Bgr24);
        using Frame b = pool.Rent(4, 4, PixelFormat.Bgr24);
        Assert.Equal(created, pool.Created);
    }

    [Fact]
    public void Bad_supervisor_options_are_refused_naming_the_key()
    {
        var options = new SupervisedFrameSourceOptions { ChannelCapacity = 0 };

        var error = Assert.Throws<ArgumentException>(() => new SupervisedFrameSource("x", () => throw new InvalidOperationException(), options));

        Assert.Contains("Source:Supervisor:ChannelCapacity", error.Message, StringComparison.Ordinal);
    }

    private static SupervisedFrameSourceOptions Fast() => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        BackoffJitter = 0,
        HealthyPeriod = TimeSpan.FromMinutes(5),
    };

    private static CancellationToken Timeout() => new CancellationTokenSource(TestTimeout).Token;
}
