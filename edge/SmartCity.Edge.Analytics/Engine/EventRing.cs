namespace SmartCity.Edge.Analytics.Engine;

/// <summary>
/// A fixed-size ring of events: bounded because the events topic is opt-in and may not be drained; when full the
/// oldest event is overwritten and counted, so memory never grows with traffic.
/// </summary>
internal sealed class EventRing<T>
    where T : struct
{
    private readonly T[] _items;
    private int _head;
    private int _count;

    public EventRing(int capacity) => _items = new T[capacity];

    public long Overwritten { get; private set; }

    public int Count => _count;

    public void Add(in T item)
    {
        _items[(_head + _count) % _items.Length] = item;
        if (_count == _items.Length)
        {
            _head = (_head + 1) % _items.Length;
            Overwritten++;
        }
        else
        {
            _count++;
        }
    }

    public int Take(Span<T> destination)
    {
        int n = Math.Min(destination.Length, _count);
        for (int k = 0; k < n; k++)
        {
            destination[k] = _items[_head];
            _head = (_head + 1) % _items.Length;
        }

        _count -= n;
        return n;
    }
}
