using System.Numerics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics.Engine;

/// <summary>
/// Per-track analytics state in flat preallocated arrays (one slot per live track), so the per-frame path never
/// allocates: slots are recycled when the tracker removes a track, and the table only grows when more tracks are
/// alive at once than ever before.
/// </summary>
internal sealed class TrackSlotTable
{
    private readonly int _lines;
    private readonly int _zones;
    private readonly Dictionary<int, int> _slotOfTrack;
    private int[] _free;
    private int _freeCount;

    public TrackSlotTable(int capacity, int lines, int zones)
    {
        _lines = Math.Max(1, lines);
        _zones = Math.Max(1, zones);
        Capacity = capacity;
        _slotOfTrack = new Dictionary<int, int>(capacity);
        _free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _free[i] = capacity - 1 - i;
        }

        _freeCount = capacity;
        TrackId = new int[capacity];
        InUse = new bool[capacity];
        LastSeenTicks = new long[capacity];
        LastObservedFrame = new long[capacity];
        Class = new TrafficClass[capacity];
        SpeedKmh = new float[capacity];
        TopSpeedKmh = new float[capacity];
        CountedTicks = new long[capacity];
        ExitVelocity = new Vector2[capacity];
        LineSide = new sbyte[capacity * _lines];
        LineCounted = new byte[capacity * _lines];
        LineArmed = new Vector2[capacity * _lines];
        InZone = new bool[capacity * _zones];
        ZoneEnteredTicks = new long[capacity * _zones];
        Phase = new MovementPhase[capacity];
        FirstEntry = new sbyte[capacity];
        ExitCandidate = new sbyte[capacity];
        ConfirmedExit = new sbyte[capacity];
        PhaseFrames = new byte[capacity];
        Evidence = new MovementEvidence[capacity];
        ClassWeight = new long[capacity * TrafficClasses.Count];
        VotedBox = new BoxF[capacity];
        FirstGround = new Vector2[capacity];
        FirstImage = new Vector2[capacity];
        HasFirstGround = new bool[capacity];
        EntryInferenceDone = new bool[capacity];
        EntryInferenceTried = new bool[capacity];
        TravelOrigin = new Vector2[capacity];
        TravelReach = new float[capacity];
        LastImage = new Vector2[capacity];
        ImageVelocity = new Vector2[capacity];
        Speeds = new SpeedHistory(capacity);
    }

    public int Capacity { get; private set; }

    public int Live => _slotOfTrack.Count;

    public int[] TrackId { get; private set; }

    public bool[] InUse { get; private set; }

    public long[] LastSeenTicks { get; private set; }

    /// <summary>The analytics' detector-frame number when the track was last observed (matched by the tracker).</summary>
    public long[] LastObservedFrame { get; private set; }

    public TrafficClass[] Class { get; private set; }

    /// <summary>Latest ground speed, km/h; NaN when not known.</summary>
    public float[] SpeedKmh { get; private set; }

    /// <summary>
    /// The journey's top sustained ground speed so far, km/h: the largest ground displacement over up to 2 s (at least
    /// 1 s) of its track, divided by the time, fragments included; 0 when not known. Tells a cyclist from a
    /// motorcyclist and a walker from a cyclist.
    /// </summary>
    public float[] TopSpeedKmh { get; private set; }

    /// <summary>When the track's journey was counted while the track went on (ticks); 0 when it was not.</summary>
    public long[] CountedTicks { get; private set; }

    /// <summary>The tracker's image velocity (pixels per second) when the journey's exit was confirmed (read once it is counted).</summary>
    public Vector2[] ExitVelocity { get; private set; }

    /// <summary>Per (slot, line): −1 / +1 for the side beyond the hysteresis band last seen, 0 when not yet known.</summary>
    public sbyte[] LineSide { get; private set; }

    /// <summary>Per (slot, line): bit 0 counted in, bit 1 counted out.</summary>
    public byte[] LineCounted { get; private set; }

    /// <summary>Per (slot, line): anchor where the side was last confirmed, the start of the crossing path.</summary>
    public Vector2[] LineArmed { get; private set; }

    public bool[] InZone { get; private set; }

    public long[] ZoneEnteredTicks { get; private set; }

    public MovementPhase[] Phase { get; private set; }

    public sbyte[] FirstEntry { get; private set; }

    public sbyte[] ExitCandidate { get; private set; }

    public sbyte[] ConfirmedExit { get; private set; }

    /// <summary>Consecutive frames outside the entry zone (phase InEntry) or inside the exit candidate (Travelling).</summary>
    public byte[] PhaseFrames { get; private set; }

    /// <summary>How the journey's entry and exit were established (emitted with the movement).</summary>
    public MovementEvidence[] Evidence { get; private set; }

    /// <summary>
    /// Per (slot, class): the journey's class votes, stitched fragments included — each observed frame's detection of
    /// that class that shows a new view (not one standing still), weighted by its score and box area (<see cref="VoteClass"/>).
    /// </summary>
    public long[] ClassWeight { get; private set; }

    /// <summary>First ground position of a track seen outside every zone (the origin of an inferred entry).</summary>
    public Vector2[] FirstGround { get; private set; }

    /// <summary>Box bottom centre (pixels) at <see cref="FirstGround"/>: where lines crossed out of sight are inferred from.</summary>
    public Vector2[] FirstImage { get; private set; }

    public bool[] HasFirstGround { get; private set; }

    /// <summary>Whether the entry of this track has been inferred, or is no longer looked for.</summary>
    public bool[] EntryInferenceDone { get; private set; }

    /// <summary>Whether the entry of this track was looked for once already (later tries look only back along its bend).</summary>
    public bool[] EntryInferenceTried { get; private set; }

    /// <summary>Ground position of the first observed frame after the journey left its entry zone (U-turn check).</summary>
    public Vector2[] TravelOrigin { get; private set; }

    /// <summary>Farthest ground distance from <see cref="TravelOrigin"/> since, in metres; −1 before the origin is known.</summary>
    public float[] TravelReach { get; private set; }

    /// <summary>Box bottom centre (pixels) when last seen, and the tracker's image velocity then (pixels per second).</summary>
    public Vector2[] LastImage { get; private set; }

    public Vector2[] ImageVelocity { get; private set; }

    public SpeedHistory Speeds { get; }

    /// <summary>
    /// Adds an observed frame's detection class to the journey's votes, weighted by the detection's score (0–1; 1 when
    /// not finite) times the box's area in pixels (each side at most 1000 px; 1 when not finite or under 1), in tenths,
    /// at least 1. A road user near the camera and seen whole is classified more reliably than the same one 10 px tall
    /// in the distance, or cut to a strip by the vehicle in front of it (a car's narrow strip is often called a
    /// motorcycle, a truck's front a car); a confident detection more reliably than a doubtful one. By area rather
    /// than height (session 10): a 60-minute dense-queue run had 16 journeys in the wrong class against 23, mostly
    /// trucks and buses no longer called cars (docs/accuracy.md).
    /// <para>
    /// A view votes once: a box overlapping the one that last voted by <see cref="RepeatedViewIoU"/> or more is the
    /// same view of a road user standing still, and adds nothing. Session 20: a car waiting a minute half out of the
    /// picture, and a truck a minute behind the car in front of it, were each called a motorcycle in some 600 frames of
    /// the same slice, and outvoted every frame they were later seen whole in (dense-queue 900101 truths 107 and 160,
    /// 900501 truth 162; docs/accuracy.md, session 20).
    /// </para>
    /// </summary>
    public void VoteClass(int slot, TrafficClass cls, in BoxF box, float score)
    {
        if ((uint)cls >= TrafficClasses.Count || box.IoU(VotedBox[slot]) >= RepeatedViewIoU)
        {
            return;
        }

        VotedBox[slot] = box;
        float width = box.Width > 1 ? MathF.Min(box.Width, 1000f) : 1;
        float height = box.Height > 1 ? MathF.Min(box.Height, 1000f) : 1;
        float confidence = float.IsFinite(score) ? Math.Clamp(score, 0f, 1f) : 1;
        ClassWeight[(slot * TrafficClasses.Count) + (int)cls] += Math.Max(1, (long)(width * height * confidence * 10));
    }

    /// <summary>Overlap with the box that last voted at or above which a box is the same view and does not vote (<see cref="VoteClass"/>).</summary>
    public const float RepeatedViewIoU = 0.9f;

    /// <summary>Per slot: the box of the journey's last class vote (<see cref="VoteClass"/>); empty before the first.</summary>
    public BoxF[] VotedBox { get; private set; }

    /// <summary>The journey's majority class over its observed views, weighted by score and box area; ties and no votes keep <see cref="Class"/>.</summary>
    public TrafficClass MajorityClass(int slot)
    {
        TrafficClass best = Class[slot];
        int baseIndex = slot * TrafficClasses.Count;
        long bestWeight = (uint)best < TrafficClasses.Count ? ClassWeight[baseIndex + (int)best] : 0;
        for (int c = 0; c < TrafficClasses.Count; c++)
        {
            if (ClassWeight[baseIndex + c] > bestWeight)
            {
                bestWeight = ClassWeight[baseIndex + c];
                best = (TrafficClass)c;
            }
        }

        return best;
    }

    public int LineIndex(int slot, int line) => (slot * _lines) + line;

    /// <summary>
    /// Gives slot <paramref name="to"/> (a track that continues the journey of <paramref name="from"/>) the side of every
    /// line the road user was last clearly on and the crossings already counted, so a line crossed while it was out of
    /// sight is counted once, when the new track is first seen past it; <paramref name="from"/> counts no more.
    /// </summary>
    public void HandOverLines(int from, int to)
    {
        int a = LineIndex(from, 0);
        RestoreLines(to, LineSide.AsSpan(a, _lines), LineArmed.AsSpan(a, _lines), LineCounted.AsSpan(a, _lines));
        LineCounted.AsSpan(a, _lines).Fill(3); // both directions (1 = in, 2 = out)
    }

    /// <summary>
    /// Copies a slot's line state (sides, armed points, crossings counted) out, for a journey kept after its track
    /// ended; the spans are as long as the layout has lines.
    /// </summary>
    public void SaveLines(int slot, Span<sbyte> side, Span<Vector2> armed, Span<byte> counted)
    {
        int a = LineIndex(slot, 0), n = side.Length;
        LineSide.AsSpan(a, n).CopyTo(side);
        LineArmed.AsSpan(a, n).CopyTo(armed);
        LineCounted.AsSpan(a, n).CopyTo(counted);
    }

    /// <summary>Gives a slot that continues a journey that journey's line state (<see cref="HandOverLines"/>, <see cref="SaveLines"/>).</summary>
    public void RestoreLines(int slot, ReadOnlySpan<sbyte> side, ReadOnlySpan<Vector2> armed, ReadOnlySpan<byte> counted)
    {
        int b = LineIndex(slot, 0);
        side.CopyTo(LineSide.AsSpan(b));
        armed.CopyTo(LineArmed.AsSpan(b));
        for (int l = 0; l < counted.Length; l++)
        {
            LineCounted[b + l] |= counted[l];
        }
    }

    public int ZoneIndex(int slot, int zone) => (slot * _zones) + zone;

    public bool TryFind(int trackId, out int slot) => _slotOfTrack.TryGetValue(trackId, out slot);

    /// <summary>The slot of a track, taking a fresh one on first sight.</summary>
    public int Acquire(int trackId, TrafficClass cls) => Acquire(trackId, cls, out _);

    /// <summary>The slot of a track, taking a fresh one on first sight (<paramref name="created"/> true).</summary>
    public int Acquire(int trackId, TrafficClass cls, out bool created)
    {
        if (_slotOfTrack.TryGetValue(trackId, out int slot))
        {
            created = false;
            return slot;
        }

        created = true;

        if (_freeCount == 0)
        {
            Grow();
        }

        slot = _free[--_freeCount];
        _slotOfTrack.Add(trackId, slot);
        TrackId[slot] = trackId;
        InUse[slot] = true;
        Class[slot] = cls;
        SpeedKmh[slot] = float.NaN;
        Array.Clear(LineSide, slot * _lines, _lines);
        Array.Clear(LineCounted, slot * _lines, _lines);
        Array.Clear(InZone, slot * _zones, _zones);
        ResetJourney(slot);
        Speeds.Clear(slot);
        return slot;
    }

    /// <summary>
    /// Forgets the slot's journey — phase, zones seen, evidence, class votes, top speed — for a new track, or for a
    /// counted track whose id the tracker has carried over to another road user.
    /// </summary>
    public void ResetJourney(int slot)
    {
        Phase[slot] = MovementPhase.None;
        FirstEntry[slot] = -1;
        ExitCandidate[slot] = -1;
        ConfirmedExit[slot] = -1;
        PhaseFrames[slot] = 0;
        Evidence[slot] = MovementEvidence.Observed;
        Array.Clear(ClassWeight, slot * TrafficClasses.Count, TrafficClasses.Count);
        VotedBox[slot] = default;
        TopSpeedKmh[slot] = 0;
        CountedTicks[slot] = 0;
        ExitVelocity[slot] = default;
        HasFirstGround[slot] = false;
        EntryInferenceDone[slot] = false;
        EntryInferenceTried[slot] = false;
        TravelReach[slot] = -1;
    }

    public void Release(int slot)
    {
        _slotOfTrack.Remove(TrackId[slot]);
        InUse[slot] = false;
        _free[_freeCount++] = slot;
    }

    private void Grow()
    {
        int old = Capacity, size = old * 2;
        TrackId = Resized(TrackId, size);
        InUse = Resized(InUse, size);
        LastSeenTicks = Resized(LastSeenTicks, size);
        LastObservedFrame = Resized(LastObservedFrame, size);
        Class = Resized(Class, size);
        SpeedKmh = Resized(SpeedKmh, size);
        TopSpeedKmh = Resized(TopSpeedKmh, size);
        CountedTicks = Resized(CountedTicks, size);
        ExitVelocity = Resized(ExitVelocity, size);
        LineSide = Resized(LineSide, size * _lines);
        LineCounted = Resized(LineCounted, size * _lines);
        LineArmed = Resized(LineArmed, size * _lines);
        InZone = Resized(InZone, size * _zones);
        ZoneEnteredTicks = Resized(ZoneEnteredTicks, size * _zones);
        Phase = Resized(Phase, size);
        FirstEntry = Resized(FirstEntry, size);
        ExitCandidate = Resized(ExitCandidate, size);
        ConfirmedExit = Resized(ConfirmedExit, size);
        PhaseFrames = Resized(PhaseFrames, size);
        Evidence = Resized(Evidence, size);
        ClassWeight = Resized(ClassWeight, size * TrafficClasses.Count);
        VotedBox = Resized(VotedBox, size);
        FirstGround = Resized(FirstGround, size);
        FirstImage = Resized(FirstImage, size);
        HasFirstGround = Resized(HasFirstGround, size);
        EntryInferenceDone = Resized(EntryInferenceDone, size);
        EntryInferenceTried = Resized(EntryInferenceTried, size);
        TravelOrigin = Resized(TravelOrigin, size);
        TravelReach = Resized(TravelReach, size);
        LastImage = Resized(LastImage, size);
        ImageVelocity = Resized(ImageVelocity, size);
        Speeds.Grow(size);
        _free = Resized(_free, size);
        for (int i = size - 1; i >= old; i--)
        {
            _free[_freeCount++] = i;
        }

        Capacity = size;
    }

    private static T[] Resized<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
