namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// The global identity assignment of IDF1 (Ristani et al. 2016): ground-truth trajectories and track
/// trajectories are paired one-to-one for the whole sequence so that IDFP + IDFN is minimal. Pairing g with h
/// costs |g| + |h| − 2·overlap(g, h) and leaving either alone costs its length, so the total is
/// Σ|g| + Σ|h| − 2·Σ overlap: minimising it is maximising the summed overlap of the chosen pairs, which is IDTP.
/// Only pairs that overlap at all can gain anything, so the bipartite graph splits into connected components,
/// each solved on its own (a 30-minute sequence has thousands of ids but small components).
/// </summary>
internal static class IdentityAssignment
{
    /// <summary>
    /// IDTP: the largest total overlap of a one-to-one pairing. <paramref name="pairOverlaps"/> maps
    /// <see cref="MotAccumulator.PairKey"/>(truth id, track id) to the number of frames in which the two
    /// overlap at IoU ≥ the threshold.
    /// </summary>
    public static long MaximumOverlap(IReadOnlyDictionary<long, int> pairOverlaps, HungarianAssignment solver)
    {
        ArgumentNullException.ThrowIfNull(pairOverlaps);
        ArgumentNullException.ThrowIfNull(solver);
        if (pairOverlaps.Count == 0)
        {
            return 0;
        }

        // Dense indices: ground truth 0..G-1, tracks G..G+H-1, in one union-find forest.
        var truthIndex = new Dictionary<int, int>();
        var trackIndex = new Dictionary<int, int>();
        var pairs = new List<(int Truth, int Track, int Overlap)>(pairOverlaps.Count);
        foreach (var (key, overlap) in pairOverlaps)
        {
            int truthId = (int)(key >> 32);
            int trackId = (int)(uint)key;
            if (!truthIndex.TryGetValue(truthId, out int gi))
            {
                gi = truthIndex.Count;
                truthIndex[truthId] = gi;
            }

            if (!trackIndex.TryGetValue(trackId, out int ti))
            {
                ti = trackIndex.Count;
                trackIndex[trackId] = ti;
            }

            pairs.Add((gi, ti, overlap));
        }

        int truthCount = truthIndex.Count;
        var parent = new int[truthCount + trackIndex.Count];
        for (int i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        foreach (var (g, t, _) in pairs)
        {
            int a = Find(parent, g);
            int b = Find(parent, truthCount + t);
            if (a != b)
            {
                parent[a] = b;
            }
        }

        var components = new Dictionary<int, List<(int Truth, int Track, int Overlap)>>();
        foreach (var pair in pairs)
        {
            int root = Find(parent, pair.Truth);
            if (!components.TryGetValue(root, out var list))
            {
                list = [];
                components[root] = list;
            }

            list.Add(pair);
        }

        long total = 0;
        foreach (var component in components.Values)
        {
            total += SolveComponent(component, solver);
        }

        return total;
    }

    private static long SolveComponent(List<(int Truth, int Track, int Overlap)> component, HungarianAssignment solver)
    {
        if (component.Count == 1)
        {
            return component[0].Overlap;
        }

        var rows = new Dictionary<int, int>();
        var columns = new Dictionary<int, int>();
        foreach (var (g, t, _) in component)
        {
            rows.TryAdd(g, rows.Count);
            columns.TryAdd(t, columns.Count);
        }

        // Cost = −overlap, 0 for pairs that never overlap: pairing those gains nothing, like leaving both alone.
        var cost = new double[rows.Count * columns.Count];
        var gain = new int[cost.Length];
        foreach (var (g, t, overlap) in component)
        {
            int cell = (rows[g] * columns.Count) + columns[t];
            cost[cell] = -overlap;
            gain[cell] = overlap;
        }

        var assignment = new int[rows.Count];
        solver.Solve(cost, rows.Count, columns.Count, assignment);
        long total = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            if (assignment[r] >= 0)
            {
                total += gain[(r * columns.Count) + assignment[r]];
            }
        }

        return total;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
