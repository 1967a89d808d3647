namespace SmartCity.TestServers;

/// <summary>How <see cref="LoopbackTcpProxy.Cut"/> breaks the link.</summary>
public enum ProxyCutMode
{
    /// <summary>Every connection is reset (RST) and new connections are refused: a broker host that went away.</summary>
    Reset,

    /// <summary>Connections stay open but no byte crosses (new ones are accepted and hang): a dead mobile link, noticed
    /// only by keep-alive and timeouts. <see cref="LoopbackTcpProxy.Restore"/> then resets what was held.</summary>
    Blackhole,
}
