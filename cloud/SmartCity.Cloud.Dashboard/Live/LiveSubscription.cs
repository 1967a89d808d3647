using System.Threading.Channels;

namespace SmartCity.Cloud.Dashboard.Live;

/// <summary>One browser's queue of live events; disposing it unsubscribes.</summary>
internal sealed class LiveSubscription(ChannelReader<LiveEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<LiveEvent> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
