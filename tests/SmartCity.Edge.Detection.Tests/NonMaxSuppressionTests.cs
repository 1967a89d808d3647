using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection.Tests;

public sealed class NonMaxSuppressionTests
{
    private static DetectedObject D(int classId, float score, float x1, float y1, float x2, float y2) =>
        new(new BoxF(x1, y1, x2, y2), score, classId, TrafficClass.Car);

    [Fact]
    public void Keeps_the_best_of_overlapping_boxes_per_class_only()
    {
        DetectedObject[] candidates =
        [
            D(1, 0.6f, 0, 0, 10, 10),   // overlaps the 0.9 car (IoU 0.68) → suppressed
            D(1, 0.9f, 1, 1, 11, 11),
            D(0, 0.5f, 0, 0, 10, 10),   // same place, other class → kept
            D(1, 0.7f, 20, 20, 30, 30), // far away → kept
            D(1, 0.8f, 5, 5, 15, 15),   // IoU with the 0.9 car 0.22 → kept at 0.45
        ];
        var kept = new DetectionList();

        new NonMaxSuppression(0.45f).Apply(candidates, kept);

        Assert.Equal([candidates[2], candidates[1], candidates[4], candidates[3]], kept.AsSpan().ToArray());
    }

    [Fact]
    public void Class_agnostic_mode_keeps_one_box_per_object_whatever_its_class()
    {
        DetectedObject[] candidates =
        [
            D(1, 0.6f, 0, 0, 10, 10),   // the same vehicle scored as truck …
            D(0, 0.7f, 1, 1, 11, 11),   // … and as car: only the car survives
            D(1, 0.8f, 20, 20, 30, 30), // another object → kept
        ];
        var kept = new DetectionList();

        new NonMaxSuppression(0.45f, classAgnostic: true).Apply(candidates, kept);

        Assert.Equal([candidates[2], candidates[1]], kept.AsSpan().ToArray());
    }

    [Fact]
    public void Iou_exactly_at_the_threshold_is_not_suppressed()
    {
        // Two 10x10 boxes offset so that IoU is exactly 1/3.
        DetectedObject[] candidates = [D(0, 0.9f, 0, 0, 10, 10), D(0, 0.8f, 5, 0, 15, 10)];
        var kept = new DetectionList();

        new NonMaxSuppression(1f / 3f).Apply(candidates, kept);
        Assert.Equal(2, kept.Count);

        kept.Clear();
        new NonMaxSuppression(0.3f).Apply(candidates, kept);
        Assert.Equal(1, kept.Count);
    }

    [Fact]
    public void Equal_scores_keep_the_earlier_candidate()
    {
        DetectedObject[] candidates = [D(0, 0.5f, 1, 1, 11, 11), D(0, 0.5f, 0, 0, 10, 10)];
        var kept = new DetectionList();

        new NonMaxSuppression(0.5f).Apply(candidates, kept);

        Assert.Equal(candidates[0], Assert.Single(kept.AsSpan().ToArray()));
    }

    [Fact]
    public void Dense_scenes_have_no_cap_and_reuse_their_scratch_memory()
    {
        // 3,000 disjoint cars on a grid: all survive, however many there are.
        var candidates = new DetectedObject[3000];
        for (int i = 0; i < candidates.Length; i++)
        {
            float x = (i % 60) * 12;
            float y = (i / 60) * 12;
            candidates[i] = D(1, 0.3f + ((i % 7) * 0.1f), x, y, x + 10, y + 10);
        }

        var nms = new NonMaxSuppression(0.45f);
        var kept = new DetectionList(4096);
        nms.Apply(candidates, kept);
        Assert.Equal(candidates.Length, kept.Count);

        // Steady state: the fewest bytes any of five calls allocated. One call can see the runtime's own allocations
        // while the method is recompiled (tiering, on-stack replacement) under load; a call that allocates scratch
        // memory allocates in every one of them.
        long fewest = long.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            kept.Clear();
            long before = GC.GetAllocatedBytesForCurrentThread();
            nms.Apply(candidates, kept);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest);
        Assert.Equal(candidates.Length, kept.Count);
    }

    [Fact]
    public void Scores_sort_correctly_across_sign_and_magnitude()
    {
        DetectedObject[] candidates = [D(0, -1f, 0, 0, 1, 1), D(0, 0.25f, 2, 2, 3, 3), D(0, 2f, 4, 4, 5, 5), D(0, 0f, 6, 6, 7, 7)];
        var kept = new DetectionList();

        new NonMaxSuppression(0.5f).Apply(candidates, kept);

        Assert.Equal([2f, 0.25f, 0f, -1f], kept.AsSpan().ToArray().Select(d => d.Score));
    }

    [Fact]
    public void Threshold_outside_0_to_1_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonMaxSuppression(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonMaxSuppression(float.NaN));
    }

    [Fact]
    public void Suppressed_boxes_that_overlap_the_kept_one_partly_are_kept_at_the_low_score()
    {
        DetectedObject[] candidates =
        [
            D(1, 0.9f, 0, 0, 10, 10),     // kept
            D(1, 0.8f, 3, 0, 13, 10),     // IoU 0.54 with the kept box: a neighbour → kept at 0.3
            D(1, 0.7f, 1, 0, 11, 10),     // IoU 0.82: the same object → dropped
            D(1, 0.6f, 2.5f, 0, 12.5f, 10), // IoU 0.60 with the kept box, 0.90 with the neighbour → dropped
            D(1, 0.2f, 0, 3, 10, 13),     // IoU 0.54 with the kept box, 0.33 with the neighbour → kept, its score already low
        ];
        var plain = new DetectionList();
        var kept = new DetectionList();

        new NonMaxSuppression(0.5f).Apply(candidates, plain);
        new NonMaxSuppression(0.5f) { SuppressedScore = 0.3f }.Apply(candidates, kept);

        Assert.Equal([candidates[0]], plain.AsSpan().ToArray());
        Assert.Equal([candidates[0], candidates[1] with { Score = 0.3f }, candidates[4]], kept.AsSpan().ToArray());
    }

    [Fact]
    public void Suppressed_box_limit_is_configurable_and_checked()
    {
        DetectedObject[] candidates = [D(1, 0.9f, 0, 0, 10, 10), D(1, 0.8f, 1, 0, 11, 10)]; // IoU 0.82
        var kept = new DetectionList();

        new NonMaxSuppression(0.5f) { SuppressedScore = 0.3f, SuppressedMaxIou = 0.85f }.Apply(candidates, kept);

        Assert.Equal(2, kept.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonMaxSuppression(0.5f) { SuppressedScore = 1.5f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonMaxSuppression(0.5f) { SuppressedMaxIou = float.NaN });
    }
}
