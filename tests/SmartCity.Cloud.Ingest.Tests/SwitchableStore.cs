using System.Reflection;
using SmartCity.Cloud.Storage;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>A store that is down (every <see cref="ITimeSeriesStore.WriteBatchAsync"/> throws) while <see cref="Down"/>
/// is set, and otherwise passes every call to the real store: a database outage the test switches on and off.
/// A <see cref="DispatchProxy"/>, so it keeps compiling when the store interface grows.</summary>
internal class SwitchableStore : DispatchProxy
{
    private ITimeSeriesStore _inner = null!;
    private long _failedWrites;
    private bool _down;

    public bool Down
    {
        get => Volatile.Read(ref _down);
        set => Volatile.Write(ref _down, value);
    }

    public long FailedWrites => Interlocked.Read(ref _failedWrites);

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
        if (targetMethod.Name == nameof(ITimeSeriesStore.WriteBatchAsync) && Volatile.Read(ref _down))
        {
            Interlocked.Increment(ref _failedWrites);
            throw new IOException("store is down (test outage)");
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
