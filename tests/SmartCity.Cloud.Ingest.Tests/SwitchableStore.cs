using System.Reflection;
using SmartCity.Cloud.Storage;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>A store wrapper the test controls, passing every other call to the real store: while <see cref="Down"/>
/// is set every <see cref="ITimeSeriesStore.WriteBatchAsync"/> throws (a database outage switched on and off), and
/// with <see cref="Refuse"/> set a batch holding a message it picks is refused for good
/// (<see cref="StoreWriteException.IsTransient"/> false, like an InfluxDB field type conflict).
/// A <see cref="DispatchProxy"/>, so it keeps compiling when the store interface grows.</summary>
internal class SwitchableStore : DispatchProxy
{
    private ITimeSeriesStore _inner = null!;
    private long _failedWrites;
    private long _refusedWrites;
    private bool _down;

    public bool Down
    {
        get => Volatile.Read(ref _down);
        set => Volatile.Write(ref _down, value);
    }

    /// <summary>Messages the store refuses for good; null refuses none.</summary>
    public Func<WirePayload, bool>? Refuse { get; set; }

    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public long RefusedWrites => Interlocked.Read(ref _refusedWrites);

    public static (ITimeSeriesStore Store, SwitchableStore Switch) Wrap(ITimeSeriesStore inner)
    {
        var proxy = Create<ITimeSeriesStore, SwitchableStore>();
        var control = (SwitchableStore)(object)proxy;
        control._inner = inner;
        return (proxy, control);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(ITimeSeriesStore.WriteBatchAsync))
        {
            if (Volatile.Read(ref _down))
            {
                Interlocked.Increment(ref _failedWrites);
                throw new IOException("store is down (test outage)");
            }

            if (Refuse is { } refuse && args?[0] is IReadOnlyList<WirePayload> batch && batch.FirstOrDefault(refuse) is { } bad)
            {
                Interlocked.Increment(ref _refusedWrites);
                throw new StoreWriteException($"field type conflict: seq {bad.Seq} of {bad.Device} (test refusal)", isTransient: false);
            }
        }

        if (targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync))
        {
            return ValueTask.CompletedTask; // the harness owns the real store
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
