namespace SmartCity.Cloud.Ingest.Tests;

public sealed class SeqAuditorTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void In_order_seqs_advance_the_watermark_without_gaps()
    {
        var auditor = new SeqAuditor(_clock);
        for (long seq = 1; seq <= 5; seq++)
        {
            Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-1", seq));
        }

        var state = auditor.Snapshot("dev-1")!;
        Assert.Equal(0, state.AuditStart);
        Assert.Equal(5, state.Watermark);
        Assert.Equal(5, state.HighestSeq);
        Assert.Equal(5, state.Stored);
        Assert.Empty(state.OpenGaps);
        Assert.Equal(0, auditor.GapsOpened);
    }

    [Fact]
    public void Holes_open_split_shrink_and_close_and_are_counted()
    {
        var auditor = new SeqAuditor(_clock);
        auditor.Observe("dev-1", 1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-1", 10)); // hole 2..9
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-1", 15)); // and 11..14
        Assert.Equal(2, auditor.GapsOpen);
        Assert.Equal(SeqObservation.FilledGap, auditor.Observe("dev-1", 5)); // splits 2..9 into 2..4 and 6..9
        Assert.Equal(3, auditor.GapsOpen);

        _clock.Advance(TimeSpan.FromSeconds(3));
        var state = auditor.Snapshot("dev-1")!;
        Assert.Equal(1, state.Watermark);
        Assert.Equal(15, state.HighestSeq);
        Assert.Equal([(2L, 4L), (6L, 9L), (11L, 14L)], state.OpenGaps.Select(g => (g.From, g.To)));
        // 2..4 and 6..9 became visible when 10 arrived (4 s ago), 11..14 when 15 did (3 s ago).
        Assert.Equal([4.0, 4.0, 3.0], state.OpenGaps.Select(g => g.Age.TotalSeconds));
        Assert.Equal(2, auditor.GetGapsOlderThan(TimeSpan.FromSeconds(3.5)).Count);

        foreach (var seq in new long[] { 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14 })
        {
            Assert.Equal(SeqObservation.FilledGap, auditor.Observe("dev-1", seq));
        }

        state = auditor.Snapshot("dev-1")!;
        Assert.Equal(15, state.Watermark);
        Assert.Empty(state.OpenGaps);
        Assert.Equal(0, state.OutOfOrder);
        Assert.Equal(12, state.Reordered);
        Assert.Equal(3, state.GapsOpened);
        Assert.Equal(3, state.GapsClosed);
        Assert.Equal(0, auditor.GapsOpen);
    }

    [Fact]
    public void Duplicates_are_counted_below_the_watermark_and_past_a_hole()
    {
        var auditor = new SeqAuditor(_clock);
        auditor.Observe("dev-1", 1);
        auditor.Observe("dev-1", 2);
        auditor.Observe("dev-1", 5);
        Assert.Equal(SeqObservation.Duplicate, auditor.Observe("dev-1", 1));
        Assert.Equal(SeqObservation.Duplicate, auditor.Observe("dev-1", 5));
        var state = auditor.Snapshot("dev-1")!;
        Assert.Equal(2, state.Duplicates);
        Assert.Equal(3, state.Stored);
    }

    [Fact]
    public void The_audit_starts_at_the_store_last_seq_or_below_the_first_seq_seen()
    {
        var auditor = new SeqAuditor(_clock);
        auditor.Initialize(new Dictionary<string, long> { ["dev-old"] = 100 });
        Assert.Equal(SeqObservation.BeforeAudit, auditor.Observe("dev-old", 90));
        Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-old", 101));
        Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-new", 5000));
        Assert.Equal(SeqObservation.BeforeAudit, auditor.Observe("dev-new", 4000));
        Assert.Equal(4999, auditor.Snapshot("dev-new")!.AuditStart);
        Assert.Empty(auditor.GetGapsOlderThan(TimeSpan.Zero));

        // A second node initialising the shared auditor changes nothing already known.
        auditor.Initialize(new Dictionary<string, long> { ["dev-old"] = 50 });
        Assert.Equal(101, auditor.Snapshot("dev-old")!.Watermark);
        Assert.Equal(["dev-new", "dev-old"], auditor.Snapshot().Select(s => s.Device));
    }

    [Fact]
    public void Holes_older_than_the_give_up_age_are_given_up_lowest_first_and_counted_as_lost()
    {
        var auditor = new SeqAuditor(_clock);
        auditor.Observe("dev-1", 1);
        auditor.Observe("dev-1", 5); // hole 2..4
        _clock.Advance(TimeSpan.FromHours(2));
        auditor.Observe("dev-1", 8); // hole 6..7, younger
        _clock.Advance(TimeSpan.FromHours(1));

        var lost = auditor.GiveUpGapsOlderThan(TimeSpan.FromHours(2.5));
        Assert.Equal([(2L, 4L)], lost.Select(g => (g.From, g.To)));
        var state = auditor.Snapshot("dev-1")!;
        Assert.Equal(5, state.Watermark);
        Assert.Equal(3, state.Abandoned);
        Assert.Equal([(6L, 7L)], state.OpenGaps.Select(g => (g.From, g.To)));
        Assert.Equal(3, auditor.SeqsGivenUp);
        Assert.Equal(1, auditor.GapsOpen);

        // A given-up seq that turns up after all is stored by the store, and the audit calls it a duplicate.
        Assert.Equal(SeqObservation.Duplicate, auditor.Observe("dev-1", 3));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, auditor.GiveUpGapsOlderThan(TimeSpan.FromHours(2.5)).Single().Count);
        Assert.Equal(8, auditor.Snapshot("dev-1")!.Watermark);
        Assert.Equal(0, auditor.GapsOpen);
    }

    [Fact]
    public void Resend_claims_are_rate_limited_per_device()
    {
        var auditor = new SeqAuditor(_clock);
        auditor.Observe("dev-1", 1);
        auditor.Observe("dev-2", 1);
        Assert.True(auditor.TryClaimResend("dev-1", TimeSpan.FromSeconds(30)));
        Assert.False(auditor.TryClaimResend("dev-1", TimeSpan.FromSeconds(30)));
        Assert.True(auditor.TryClaimResend("dev-2", TimeSpan.FromSeconds(30)));
        Assert.False(auditor.TryClaimResend("dev-unknown", TimeSpan.FromSeconds(30)));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(auditor.TryClaimResend("dev-1", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Concurrent_observers_lose_no_seq()
    {
        var auditor = new SeqAuditor();
        const int perWorker = 5000;
        // Four workers interleave one device's seqs, as nodes of a shared subscription do.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                auditor.Observe("dev-1", (i * 4) + w + 1);
            }
        })));
        var state = auditor.Snapshot("dev-1")!;
        Assert.True(state.AuditStart <= 4);
        Assert.Equal(4 * perWorker, state.Watermark);
        Assert.Empty(state.OpenGaps);
        Assert.Equal(auditor.GapsOpened, auditor.GapsClosed);
    }

    [Fact]
    public void A_quiet_device_is_due_for_a_tail_probe_with_backoff_until_an_answer_confirms_its_top()
    {
        var auditor = new SeqAuditor(_clock);
        var quiet = TimeSpan.FromSeconds(60);
        var retry = TimeSpan.FromSeconds(5);
        var giveUp = TimeSpan.FromHours(25);
        for (long seq = 1; seq <= 10; seq++)
        {
            auditor.Observe("dev-1", seq);
        }

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(auditor.GetTailProbesDue(quiet, retry, giveUp));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([("dev-1", 11L)], auditor.GetTailProbesDue(quiet, retry, giveUp));

        // The answer may be lost as well: probes repeat, backing off 5 s, 10 s, 20 s, ... capped at 4 × the quiet time.
        Assert.Empty(auditor.GetTailProbesDue(quiet, retry, giveUp));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(auditor.GetTailProbesDue(quiet, retry, giveUp));
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(auditor.GetTailProbesDue(quiet, retry, giveUp));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(auditor.GetTailProbesDue(quiet, retry, giveUp));

        // The answer to an earlier request confirms nothing: a later request's answer would be a new tail.
        auditor.RequestSent("dev-1", "tail-11-1");
        auditor.RequestSent("dev-1", "tail-11-2");
        Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-1", 14));
        auditor.TailProbeAnswered("dev-1", 14, "tail-11-1");
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(auditor.GetTailProbesDue(quiet, retry, giveUp)); // a hole is open below 14
        auditor.Observe("dev-1", 11);
        auditor.Observe("dev-1", 12);
        auditor.Observe("dev-1", 13);
        _clock.Advance(quiet);
        Assert.Equal([("dev-1", 15L)], auditor.GetTailProbesDue(quiet, retry, giveUp));
        auditor.RequestSent("dev-1", "tail-15-3");

        // The device answers the last request with seq 18; 15..17 (the lost tail, republished) are an ordinary gap now.
        Assert.Equal(SeqObservation.InOrder, auditor.Observe("dev-1", 18));
        auditor.TailProbeAnswered("dev-1", 18, "tail-15-3");
        Assert.Equal([(15L, 17L)], auditor.Snapshot("dev-1")!.OpenGaps.Select(g => (g.From, g.To)));
        foreach (var seq in new long[] { 15, 16, 17 })
        {
            auditor.Observe("dev-1", seq);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(auditor.GetTailProbesDue(quiet, retry, giveUp));

        // So does a later request (a gap resend sent after the probe): its answer is a new tail, possibly lost.
        auditor.RequestSent("dev-1", "resend-5-5-4");
        Assert.Equal([("dev-1", 19L)], auditor.GetTailProbesDue(quiet, retry, giveUp));

        // A later seq makes the top unconfirmed again.
        auditor.Observe("dev-1", 19);
        _clock.Advance(quiet);
        Assert.Equal([("dev-1", 20L)], auditor.GetTailProbesDue(quiet, retry, giveUp));
    }

    [Fact]
    public void Tail_probes_wait_for_open_holes_and_stop_after_the_give_up_age()
    {
        var auditor = new SeqAuditor(_clock);
        var quiet = TimeSpan.FromSeconds(60);
        auditor.Observe("dev-1", 1);
        auditor.Observe("dev-1", 3);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(auditor.GetTailProbesDue(quiet, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)));

        auditor.Observe("dev-1", 2);
        Assert.Empty(auditor.GetTailProbesDue(quiet, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(auditor.GetTailProbesDue(quiet, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_status_seq_above_everything_stored_makes_the_device_due_at_once()
    {
        var auditor = new SeqAuditor(_clock);
        auditor.Initialize(new Dictionary<string, long> { ["dev-1"] = 100 });
        auditor.Hint("dev-1", 100);
        auditor.Hint("dev-unknown", 5);
        Assert.Empty(auditor.GetTailProbesDue(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), TimeSpan.FromHours(25)));

        auditor.Hint("dev-1", 104);
        Assert.Equal([("dev-1", 101L)], auditor.GetTailProbesDue(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), TimeSpan.FromHours(25)));
        Assert.Empty(auditor.GetTailProbesDue(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), TimeSpan.FromHours(25)));
    }
}
