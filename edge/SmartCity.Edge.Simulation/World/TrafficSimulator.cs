using System.Numerics;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// Moves road users along their routes: Poisson arrivals per approach, Intelligent Driver Model car
/// following within entry and exit lanes, stopping at the stop line on red (going on amber when too close to
/// stop), pedestrians waiting at the kerb for the walk phase. Preallocated; a step allocates nothing.
/// </summary>
internal sealed class TrafficSimulator
{
    public const int Capacity = 512;
    private const int PendingCapacity = 32;
    private const float Headway = 1.2f;
    private const float ComfortableDecel = 2.5f;

    /// <summary>Half the length of route, in metres, over which a pedestrian's sideways offset turns through a corner.</summary>
    private const float CornerBlend = 1f;

    private readonly RoadNetwork _network;
    private readonly SignalController? _signals;
    private readonly DeterministicRandom _rng;
    private readonly double _vehicleRate;
    private readonly double _pedestrianRate;
    private readonly ClassMix _mix;
    private readonly RoadUser[] _users = new RoadUser[Capacity];
    private readonly int[] _active = new int[Capacity];
    private readonly int[] _free = new int[Capacity];
    private readonly float[] _accel = new float[Capacity];
    private readonly int[] _entryTail;
    private readonly int[] _entryTailId;
    private readonly int[] _exitTail;
    private readonly int[] _exitTailId;
    private readonly double[] _nextVehicle;
    private readonly double[] _nextPedestrian;
    private readonly PendingArrival[,] _pending;
    private readonly int[] _pendingCount;
    private int _activeCount;
    private int _freeCount;
    private int _nextId = 1;

    public TrafficSimulator(RoadNetwork network, SignalController? signals, ScenarioOptions options, ulong seed)
    {
        _network = network;
        _signals = signals;
        _rng = new DeterministicRandom(seed);
        _vehicleRate = options.VehiclesPerHourPerApproach / 3600.0;
        _pedestrianRate = options.PedestriansPerHourPerApproach / 3600.0;
        _mix = options.ClassMix;
        _entryTail = new int[network.LaneKeyCount];
        _entryTailId = new int[network.LaneKeyCount];
        _exitTail = new int[network.LaneKeyCount];
        _exitTailId = new int[network.LaneKeyCount];
        Array.Fill(_entryTail, -1);
        Array.Fill(_exitTail, -1);
        int approaches = network.EntryApproaches.Count;
        _nextVehicle = new double[approaches];
        _nextPedestrian = new double[approaches];
        _pending = new PendingArrival[approaches, PendingCapacity];
        _pendingCount = new int[approaches];
        for (int a = 0; a < approaches; a++)
        {
            _nextVehicle[a] = _rng.NextExponential(_vehicleRate);
            _nextPedestrian[a] = _rng.NextExponential(_pedestrianRate);
        }

        for (int i = 0; i < Capacity; i++)
        {
            _free[i] = Capacity - 1 - i;
        }

        _freeCount = Capacity;
    }

    public SignalController? Signals => _signals;

    public int ActiveCount => _activeCount;

    /// <summary>Road users in the order they were created.</summary>
    public ref RoadUser UserAt(int activeIndex) => ref _users[_active[activeIndex]];

    public void Step(float dt)
    {
        _signals?.Advance(dt);
        Arrivals(dt);
        for (int k = 0; k < _activeCount; k++)
        {
            _accel[k] = Acceleration(ref _users[_active[k]]);
        }

        for (int k = 0; k < _activeCount; k++)
        {
            Integrate(_active[k], _accel[k], dt);
        }

        int kept = 0;
        for (int k = 0; k < _activeCount; k++)
        {
            int slot = _active[k];
            ref RoadUser u = ref _users[slot];
            if (u.S - u.Length > u.Route.Length)
            {
                u.Route = null!;
                u.Id = 0;
                _free[_freeCount++] = slot;
                continue;
            }

            _active[kept++] = slot;
            float at = u.S - (u.Length * 0.5f);
            u.Route.Sample(at, out Vector2 pos, out Vector2 dir);
            u.Heading = dir;
            u.Centre = pos + (SidewaysOf(u, at, dir) * u.Lateral);
        }

        _activeCount = kept;
    }

    /// <summary>
    /// Unit vector to the right of the way <paramref name="u"/> goes at arc length <paramref name="at"/>, along which its
    /// sideways offset is laid. A pedestrian's walk has sharp corners (kerb to crosswalk); there the direction is the
    /// chord over <see cref="CornerBlend"/> metres either side, so the offset turns through the corner as a walker
    /// does. Taken from the segment alone, it flips at the corner and a pedestrian 0.8 m off the centre line jumps
    /// over a metre between two steps, which no tracker should be asked to follow.
    /// </summary>
    private static Vector2 SidewaysOf(in RoadUser u, float at, Vector2 dir)
    {
        if (u.Class == TrafficClass.Pedestrian && u.Lateral != 0)
        {
            u.Route.Sample(at - CornerBlend, out Vector2 back, out _);
            u.Route.Sample(at + CornerBlend, out Vector2 ahead, out _);
            Vector2 chord = ahead - back;
            if (chord.LengthSquared() > 1e-6f)
            {
                dir = Vector2.Normalize(chord);
            }
        }

        return new Vector2(dir.Y, -dir.X);
    }

    public static RoadUserState StateOf(in RoadUser u)
    {
        float toStop = u.S <= u.Route.StopS ? u.Route.StopS - u.S : float.NaN;
        return new RoadUserState(u.Id, u.Class, u.Route.Entry, u.Route.Exit, u.Centre, u.Heading, u.Speed, toStop);
    }

    private void Arrivals(float dt)
    {
        IReadOnlyList<Approach> approaches = _network.EntryApproaches;
        for (int a = 0; a < approaches.Count; a++)
        {
            _nextVehicle[a] -= dt;
            while (_nextVehicle[a] <= 0)
            {
                _nextVehicle[a] += _rng.NextExponential(_vehicleRate);
                TrafficClass cls = _mix.Pick(_rng.NextDouble());
                Route route = _network.PickVehicleRoute(approaches[a], cls, _rng, out float lateral);
                if (_pendingCount[a] < PendingCapacity)
                {
                    _pending[a, _pendingCount[a]++] = new PendingArrival(cls, route, lateral);
                }
            }

            // First come, first served: a blocked head keeps later arrivals of this approach waiting too.
            while (_pendingCount[a] > 0 && TrySpawnVehicle(_pending[a, 0]))
            {
                for (int i = 1; i < _pendingCount[a]; i++)
                {
                    _pending[a, i - 1] = _pending[a, i];
                }

                _pendingCount[a]--;
            }

            _nextPedestrian[a] -= dt;
            while (_nextPedestrian[a] <= 0)
            {
                _nextPedestrian[a] += _rng.NextExponential(_pedestrianRate);
                Route route = _network.PickPedestrianRoute(approaches[a], _rng);
                if (_freeCount > 0)
                {
                    int slot = Allocate();
                    ref RoadUser p = ref _users[slot];
                    RoadUserFactory.Initialise(ref p, TrafficClass.Pedestrian, _rng);
                    p.Route = route;
                    p.Speed = p.DesiredSpeed;
                    p.Centre = new Vector2(float.NaN);
                }
            }
        }
    }

    private bool TrySpawnVehicle(in PendingArrival arrival)
    {
        int lane = arrival.Route.EntryLane;
        int tail = _entryTail[lane];
        float gap = float.PositiveInfinity, leaderSpeed = 0;
        if (IsAlive(tail, _entryTailId[lane]))
        {
            ref RoadUser t = ref _users[tail];
            gap = t.S - t.Length;
            leaderSpeed = t.Speed;
        }

        if (gap < 3f || _freeCount == 0)
        {
            return false;
        }

        int slot = Allocate();
        ref RoadUser u = ref _users[slot];
        RoadUserFactory.Initialise(ref u, arrival.Class, _rng);
        u.Route = arrival.Route;
        u.Lateral = arrival.Lateral;
        u.Speed = gap < 40 ? MathF.Min(u.DesiredSpeed, leaderSpeed) : u.DesiredSpeed;
        u.EntryLeaderSlot = tail;
        u.EntryLeaderId = _entryTailId[lane];
        _entryTail[lane] = slot;
        _entryTailId[lane] = u.Id;
        return true;
    }

    private int Allocate()
    {
        int slot = _free[--_freeCount];
        _users[slot] = default;
        _users[slot].Id = _nextId++;
        _users[slot].ExitLeaderSlot = -1;
        _active[_activeCount++] = slot;
        return slot;
    }

    private float Acceleration(ref RoadUser u)
    {
        if (u.Class == TrafficClass.Pedestrian)
        {
            return 0;
        }

        float gap = float.PositiveInfinity, leaderSpeed = 0;
        if (IsAlive(u.EntryLeaderSlot, u.EntryLeaderId))
        {
            ref RoadUser l = ref _users[u.EntryLeaderSlot];
            if (u.Route.ExitLane < 0 || l.S - l.Length < l.Route.JunctionEndS + 1f)
            {
                Closer(l.S - l.Length - u.S, l.Speed, ref gap, ref leaderSpeed);
            }
        }

        if (IsAlive(u.ExitLeaderSlot, u.ExitLeaderId))
        {
            ref RoadUser x = ref _users[u.ExitLeaderSlot];
            float leaderRear = x.S - x.Route.JunctionEndS - x.Length;
            Closer(leaderRear - (u.S - u.Route.JunctionEndS), x.Speed, ref gap, ref leaderSpeed);
        }

        if (!u.Committed && _signals is not null && u.Route.StopS < float.PositiveInfinity)
        {
            SignalAspect aspect = _signals.AspectFor(u.Route.Entry);
            float toLine = u.Route.StopS - u.S;
            if (aspect == SignalAspect.Green || (aspect == SignalAspect.Amber && toLine < u.Speed * u.Speed / (2 * ComfortableDecel)))
            {
                u.Committed = true;
            }
            else
            {
                // The stop line as a standing leader, with the jam gap taken off so the front stops at the line.
                Closer(toLine + 1.5f, 0, ref gap, ref leaderSpeed);
            }
        }

        float v0 = u.DesiredSpeed;
        if (u.Route.IsTurn && u.S > u.Route.StopS - 20f && u.S < u.Route.JunctionEndS)
        {
            v0 = MathF.Min(v0, u.Class == TrafficClass.Bicycle ? 4f : 6.5f);
        }

        float a = u.MaxAccel;
        float free = 1 - MathF.Pow(u.Speed / v0, 4);
        if (float.IsPositiveInfinity(gap))
        {
            return a * free;
        }

        float jam = u.Class is TrafficClass.Bicycle or TrafficClass.Motorcycle ? 1.2f : 2f;
        float desired = jam + MathF.Max(0, (u.Speed * Headway) + (u.Speed * (u.Speed - leaderSpeed) / (2 * MathF.Sqrt(a * ComfortableDecel))));
        float ratio = desired / MathF.Max(gap, 0.1f);
        return Math.Clamp(a * (free - (ratio * ratio)), -9f, a);
    }

    private static void Closer(float candidateGap, float candidateSpeed, ref float gap, ref float speed)
    {
        if (candidateGap < gap)
        {
            gap = candidateGap;
            speed = candidateSpeed;
        }
    }

    private bool IsAlive(int slot, int id) => slot >= 0 && id > 0 && _users[slot].Id == id;

    private void Integrate(int slot, float accel, float dt)
    {
        ref RoadUser u = ref _users[slot];
        float before = u.S;
        if (u.Class == TrafficClass.Pedestrian)
        {
            float hold = u.Route.StopS - u.WaitOffset;
            if (!u.Committed && u.S >= hold && u.Route.StopS < float.PositiveInfinity)
            {
                if (_signals is null || _signals.PedestriansMayStart)
                {
                    u.Committed = true;
                }
                else
                {
                    u.Speed = 0;
                    return;
                }
            }

            u.Speed = u.DesiredSpeed;
            u.S = u.Committed ? u.S + (u.Speed * dt) : MathF.Min(u.S + (u.Speed * dt), hold);
            return;
        }

        float v = u.Speed + (accel * dt);
        if (v < 0)
        {
            u.S += u.Speed * u.Speed / (2 * -accel);
            u.Speed = 0;
        }
        else
        {
            u.S += (u.Speed + v) * 0.5f * dt;
            u.Speed = v;
        }

        if (before <= u.Route.StopS && u.S > u.Route.StopS && u.Route.ExitLane >= 0)
        {
            // Joins its exit lane's queue in the order it crosses the stop line.
            u.Committed = true;
            int lane = u.Route.ExitLane;
            u.ExitLeaderSlot = _exitTail[lane];
            u.ExitLeaderId = _exitTailId[lane];
            _exitTail[lane] = slot;
            _exitTailId[lane] = u.Id;
        }
    }
}
