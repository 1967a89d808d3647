namespace SmartCity.Edge.Tracking;

/// <summary>Growth of the tracker's work arrays: they only grow, at least doubling, so growth stops at the peak object count.</summary>
internal static class ArrayCapacity
{
    public static void Ensure<T>(ref T[] array, int needed)
    {
        if (array.Length < needed)
        {
            Array.Resize(ref array, Math.Max(needed, array.Length * 2));
        }
    }
}
