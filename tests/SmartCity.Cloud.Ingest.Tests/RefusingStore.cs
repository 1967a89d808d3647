using System.Reflection;
using SmartCity.Cloud.Storage;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>A store that refuses for good (<see cref="StoreWriteException.IsTransient"/> false, like an InfluxDB field
/// type conflict) every batch holding a message the predicate picks, and passes every other call to the real store.</summary>
internal class RefusingStore : DispatchProxy
{
    private ITimeSeriesStore _inner = null!;
    private Func<WirePayload, bool> _refuse = null!;
    private long _refusedWrites;

    public long RefusedWrites => Interlocked.Read(ref _refusedWrites);

    public static (ITimeSeriesStore Store, RefusingStore Control) Wrap(ITimeSeriesStore inner, Func<WirePayload, bool> refuse)
    {
        var proxy = Create<ITimeSeriesStore, RefusingStore>();
        var control = (RefusingStore)(object)proxy;
        control._inner = inner;
        control._refuse = refuse;
        return (proxy, control);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(ITimeSeriesStore.WriteBatchAsync) && args?[0] is IReadOnlyList<WirePayload> batch
            && batch.FirstOrDefault(_refuse) is { } bad)
        {
            Interlocked.Increment(ref _refusedWrites);
            throw new StoreWriteException($"field type conflict: seq {bad.Seq} of {bad.Device} (test refusal)", isTransient: false);
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
