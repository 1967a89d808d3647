using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>How an ingest node reaches the broker, how it batches, retries and audits.</summary>
/// <remarks>
/// The node joins the MQTT 5 shared subscription <c>$share/{SharedGroup}/smartcity/v1/+/+</c> with a persistent
/// session (clean start false, <see cref="SessionExpiry"/>), so messages that arrive while it is away, and messages it
/// received but had not acknowledged, wait in the broker. <see cref="ClientId"/> must be stable per node and unique
/// among nodes: it names the session.
/// </remarks>
public sealed class IngestOptions
{
    /// <summary>Broker host name or address.</summary>
    public string BrokerHost { get; set; } = "127.0.0.1";

    /// <summary>Broker port.</summary>
    public int BrokerPort { get; set; } = 1883;

    /// <summary>MQTT client id: names the persistent session, so keep it stable per node and unique among nodes.</summary>
    public string ClientId { get; set; } = "ingest-" + SanitizedMachineName();

    /// <summary>MQTT username of the ingest node; null for none.</summary>
    public string? Username { get; set; }

    /// <summary>MQTT password.</summary>
    public string? Password { get; set; }

    /// <summary>Connect over TLS 1.2/1.3.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker certificate; null trusts the system store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM client certificate (mutual TLS); requires <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Shared subscription group; the nodes of one group split the messages between them.</summary>
    public string SharedGroup { get; set; } = "ingest";

    /// <summary>On a broker without shared subscriptions (SUBACK "shared subscriptions not supported", e.g. MQTTnet's
    /// embedded server), subscribe to the plain <c>smartcity/v1/+/+</c> instead of failing. Every node then receives
    /// every message; the store's (device, seq) dedupe keeps each once.</summary>
    public bool AllowNonSharedFallback { get; set; } = true;

    /// <summary>MQTT 5 session expiry: how long the broker keeps the node's session (and its queued messages) after a
    /// disconnect. Short on purpose (30 s): it only bridges a quick restart of the node. While a node is away, Mosquitto
    /// keeps routing the node's round-robin share of the shared subscription into its session, where nobody reads it;
    /// a long expiry parks half the stream there when a node dies for good. Durability is the device outbox's replay
    /// window (24 h) plus gap fill and tail probes, not this session.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>MQTT keep-alive.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for the TCP/TLS/CONNECT handshake and the SUBACK.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay (before jitter).</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the exponentially growing reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most messages written to the store in one batch.</summary>
    /// <remarks>Bigger batches amortize DuckDB's per-transaction cost (commit, appenders, the key check statement):
    /// measured with <c>bench profile</c>, about 35 µs of CPU per message at 2000 a batch against 26 µs at 5000.
    /// <see cref="MaxBatchDelay"/> still bounds the wait when traffic is light.</remarks>
    public int MaxBatchMessages { get; set; } = 5000;

    /// <summary>Longest a received message waits for its batch to fill before the batch is written anyway.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>MQTT 5 Receive Maximum: unacknowledged QoS 1 messages the broker may have in flight to this node.
    /// Messages are acknowledged only after their batch is stored, so keep it at least <see cref="MaxBatchMessages"/>;
    /// three batches (the default 15000) let one batch be stored while the next is parsed and a third arrives.</summary>
    public int ReceiveMaximum { get; set; } = 15_000;

    /// <summary>First delay before a failed store write is retried (before jitter).</summary>
    public TimeSpan StoreRetryMin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the exponentially growing store retry delay.</summary>
    public TimeSpan StoreRetryMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a hole in a device's seq may stay open (messages may arrive out of order through the
    /// shared subscription) before it counts as a gap and a resend is requested.</summary>
    public TimeSpan GapGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Age at which an open hole is given up as lost (counted in <see cref="IngestStats.SeqsGivenUp"/>, logged)
    /// instead of being asked for again: by default a little more than the edge outbox's 24-hour replay window.</summary>
    public TimeSpan GapGiveUpAfter { get; set; } = TimeSpan.FromHours(25);

    /// <summary>Publish <c>cmd/resend</c> to a device whose gap outlived <see cref="GapGrace"/>.</summary>
    public bool RequestResend { get; set; } = true;

    /// <summary>Least time between two resend requests to the same device (across all nodes sharing a <see cref="SeqAuditor"/>).</summary>
    public TimeSpan ResendMinInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Widest seq range asked for in one resend request; a wider gap is asked for from its start.</summary>
    public long MaxResendSpan { get; set; } = 10_000;

    /// <summary>A device with no hole open that stored nothing for this long is sent a tail probe: a <c>cmd/resend</c>
    /// of its highest stored seq + 1. The device republishes that record if it has it and answers with a
    /// <c>cmd-result</c> that takes the next seq, so a lost tail of the stream (which no later seq reveals) becomes an
    /// ordinary gap. A device that is offline gets the probe from its persistent
    /// session when it reconnects. A status message whose seq (the device's outbox checkpoint) is above the highest
    /// seq stored makes the device due at once. Probes of one highest seq repeat (the answer may be lost too), backing off
    /// from <see cref="ResendMinInterval"/> up to 4 × this interval, until the device was silent for <see cref="GapGiveUpAfter"/>.
    /// Keep it above the devices' longest publish interval (health included).</summary>
    public TimeSpan TailProbeAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Send tail probes (<see cref="TailProbeAfter"/>); needs <see cref="RequestResend"/>.</summary>
    public bool ProbeTails { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BrokerHost))
        {
            throw new ArgumentException("Ingest option 'BrokerHost' must name the broker.", nameof(BrokerHost));
        }

        if (BrokerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"Ingest option 'BrokerPort' is {BrokerPort}; it must be 1-65535.", nameof(BrokerPort));
        }

        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Length > 128)
        {
            throw new ArgumentException($"Ingest option 'ClientId' ('{ClientId}') must be 1-128 characters; it names the persistent session.", nameof(ClientId));
        }

        try
        {
            _ = Topics.SharedSubscription(SharedGroup);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Ingest option 'SharedGroup': {ex.Message}", nameof(SharedGroup), ex);
        }

        if (Password is not null && string.IsNullOrEmpty(Username))
        {
            throw new ArgumentException("Ingest option 'Password' is set without 'Username'.", nameof(Password));
        }

        if ((ClientCertificatePath is null) != (ClientKeyPath is null))
        {
            throw new ArgumentException("Ingest options 'ClientCertificatePath' and 'ClientKeyPath' must be given together.", nameof(ClientCertificatePath));
        }

        if (!UseTls && (ClientCertificatePath is not null || CaCertificatePath is not null))
        {
            throw new ArgumentException("Ingest options 'ClientCertificatePath'/'CaCertificatePath' need 'UseTls' = true.", nameof(UseTls));
        }

        RequireFile(CaCertificatePath, nameof(CaCertificatePath));
        RequireFile(ClientCertificatePath, nameof(ClientCertificatePath));
        RequireFile(ClientKeyPath, nameof(ClientKeyPath));
        RequireRange(SessionExpiry, nameof(SessionExpiry), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(uint.MaxValue));
        RequireRange(KeepAlive, nameof(KeepAlive), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(ushort.MaxValue));
        RequireRange(ConnectTimeout, nameof(ConnectTimeout), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        RequireRange(ReconnectMinDelay, nameof(ReconnectMinDelay), TimeSpan.FromMilliseconds(1), ReconnectMaxDelay);
        RequireRange(StoreRetryMin, nameof(StoreRetryMin), TimeSpan.FromMilliseconds(1), StoreRetryMax);
        RequireRange(MaxBatchDelay, nameof(MaxBatchDelay), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        RequireRange(GapGrace, nameof(GapGrace), TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        RequireRange(GapGiveUpAfter, nameof(GapGiveUpAfter), GapGrace, TimeSpan.FromDays(365));
        RequireRange(ResendMinInterval, nameof(ResendMinInterval), TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        RequireRange(TailProbeAfter, nameof(TailProbeAfter), TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));

        if (MaxBatchMessages is < 1 or > 100_000)
        {
            throw new ArgumentException($"Ingest option 'MaxBatchMessages' is {MaxBatchMessages}; it must be 1-100000.", nameof(MaxBatchMessages));
        }

        if (ReceiveMaximum < MaxBatchMessages || ReceiveMaximum > ushort.MaxValue)
        {
            throw new ArgumentException(
                $"Ingest option 'ReceiveMaximum' is {ReceiveMaximum}; it must be between MaxBatchMessages ({MaxBatchMessages}) and 65535, " +
                "because messages stay unacknowledged until their batch is stored.",
                nameof(ReceiveMaximum));
        }

        if (MaxResendSpan < 1)
        {
            throw new ArgumentException($"Ingest option 'MaxResendSpan' is {MaxResendSpan}; it must be at least 1.", nameof(MaxResendSpan));
        }
    }

    private static void RequireFile(string? path, string name)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new ArgumentException($"Ingest option '{name}': file '{path}' does not exist.", name);
        }
    }

    private static void RequireRange(TimeSpan value, string name, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"Ingest option '{name}' is {value}; it must be between {min} and {max}.", name);
        }
    }

    private static string SanitizedMachineName()
    {
        var name = Environment.MachineName.ToLowerInvariant();
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? c : '-';
            }
        });
    }
}
