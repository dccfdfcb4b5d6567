namespace BillingOne.AppHost.Supervision;

/// <summary>
/// Keeps the most recent <see cref="Capacity"/> items and drops the oldest, so a chatty child process
/// cannot grow the AppHost's memory. Safe for one writer per stream plus concurrent readers.
/// </summary>
public sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;
    private long _totalAdded;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    /// <summary>Items ever added, including the ones already dropped.</summary>
    public long TotalAdded
    {
        get { lock (_gate) { return _totalAdded; } }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _items[_next] = item;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
            _totalAdded++;
        }
    }

    /// <summary>Up to <paramref name="maxItems"/> of the newest items, oldest first.</summary>
    public IReadOnlyList<T> Latest(int maxItems = int.MaxValue)
    {
        lock (_gate)
        {
            var take = Math.Min(Math.Max(maxItems, 0), _count);
            var result = new T[take];
            var start = (_next - take + _items.Length) % _items.Length;
            for (var i = 0; i < take; i++)
            {
                result[i] = _items[(start + i) % _items.Length];
            }
            return result;
        }
    }
}
