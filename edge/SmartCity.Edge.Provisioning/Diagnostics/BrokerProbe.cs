using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SmartCity.Edge.Provisioning.Diagnostics;

/// <summary>
/// Connects to the broker the way the agent will — TCP, TLS with the broker verified against the configured CA and
/// the device's client certificate — and sends an MQTT CONNECT, so that "reachable" means the broker accepted this
/// identity (CONNACK 0), not only that a port is open. Uses its own client id so it never displaces the running agent.
/// </summary>
public static class BrokerProbe
{
    /// <summary>Where and as whom to connect.</summary>
    public sealed record Target
    {
        /// <summary>Broker host.</summary>
        public required string Host { get; init; }

        /// <summary>Broker port.</summary>
        public required int Port { get; init; }

        /// <summary>Use TLS.</summary>
        public bool Tls { get; init; }

        /// <summary>CA that signed the broker certificate (PEM); null: the system store.</summary>
        public string? CaCertificate { get; init; }

        /// <summary>Client certificate (PEM).</summary>
        public string? ClientCertificate { get; init; }

        /// <summary>Client key (PEM).</summary>
        public string? ClientKey { get; init; }

        /// <summary>MQTT user name, when the broker uses passwords.</summary>
        public string? Username { get; init; }

        /// <summary>MQTT password.</summary>
        public string? Password { get; init; }

        /// <summary>The device id; the probe's client id is <c>{id}-doctor</c>.</summary>
        public required string DeviceId { get; init; }
    }

    /// <summary>Runs the probe within <paramref name="timeout"/>.</summary>
    public static async Task<CheckResult> RunAsync(Target target, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        const string name = "broker";
        string where = $"{target.Host}:{target.Port}";
        var started = Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        X509Certificate2? client = null;
        X509Certificate2? ca = null;
        try
        {
            if (target.ClientCertificate is not null && target.ClientKey is not null)
            {
                try
                {
                    using var pem = X509Certificate2.CreateFromPemFile(target.ClientCertificate, target.ClientKey);
                    // A PEM-loaded key is ephemeral; SslStream on Linux wants an exportable copy.
                    client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
                }
                catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    return CheckResult.Fail(name, $"cannot load the client certificate {target.ClientCertificate}: {ex.Message}", "run `provision` again, or check the file permissions (the agent's user must read the key)");
                }
            }

            if (target.CaCertificate is not null)
            {
                try
                {
                    ca = X509CertificateLoader.LoadCertificate(X509Certificate2.CreateFromPem(File.ReadAllText(target.CaCertificate)).RawData);
                }
                catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
                {
                    return CheckResult.Fail(name, $"cannot load the CA certificate {target.CaCertificate}: {ex.Message}", "run `provision` again");
                }
            }

            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync(target.Host, target.Port, cts.Token).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                return CheckResult.Fail(name, $"cannot connect to {where}: {ex.SocketErrorCode} ({ex.Message})", "check the broker address in the configuration, DNS, the network and the firewall (port 8883 outbound)");
            }

            Stream stream = tcp.GetStream();
            string tlsDetail = "plain TCP (no TLS)";
            if (target.Tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                string? validationProblem = null;
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = target.Host,
                    ClientCertificates = client is null ? null : [client],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                        Validate(certificate, errors, ca, out validationProblem),
                };
                try
                {
                    await ssl.AuthenticateAsClientAsync(options, cts.Token).ConfigureAwait(false);
                }
                catch (AuthenticationException ex)
                {
                    return CheckResult.Fail(name, $"TLS with {where} failed: {validationProblem ?? ex.Message}",
                        validationProblem is not null ? "the broker's certificate is not from the configured CA or not for this host name" : "the broker refused the client certificate (revoked, expired or from another CA): run `provision` again");
                }
                catch (IOException ex)
                {
                    return CheckResult.Fail(name, $"TLS with {where} failed: {ex.Message}", "the broker refused the client certificate (revoked, expired or from another CA), or this is not a TLS port");
                }

                tlsDetail = $"{ssl.SslProtocol}";
            }

            byte[] connect = BuildConnect($"{target.DeviceId}-doctor", target.Username, target.Password);
            byte[] reply = new byte[4];
            try
            {
                await stream.WriteAsync(connect, cts.Token).ConfigureAwait(false);
                await stream.FlushAsync(cts.Token).ConfigureAwait(false);
                await stream.ReadExactlyAsync(reply, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or AuthenticationException)
            {
                // TLS 1.3 sends the server's verdict on the client certificate after the handshake: it shows up here.
                return CheckResult.Fail(name, $"{where} closed the connection after TLS ({tlsDetail}): {ex.Message}", "the broker refused this identity: certificate revoked, expired or not from the broker's CA; run `provision` again");
            }

            if (reply[0] != 0x20 || reply[1] != 0x02)
            {
                return CheckResult.Fail(name, $"{where} did not answer with an MQTT CONNACK (got 0x{reply[0]:X2})", "the port is not an MQTT broker: check the port in the configuration");
            }

            try
            {
                await stream.WriteAsync(new byte[] { 0xE0, 0x00 }, cts.Token).ConfigureAwait(false);
            }
            catch (IOException)
            {
            }

            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return reply[3] switch
            {
                0 => new CheckResult { Name = name, Status = CheckStatus.Pass, Detail = $"{where} accepted {(client is null ? "the connection" : $"identity CN={client.GetNameInfo(X509NameType.SimpleName, false)}")} over {tlsDetail} in {ms:F0} ms" },
                4 => CheckResult.Fail(name, $"{where} refused: bad user name or password (CONNACK 4)", "check uplink username/password, or use the client certificate"),
                5 => CheckResult.Fail(name, $"{where} refused: not authorised (CONNACK 5)", "the broker does not accept this identity: certificate revoked or the device unknown to the broker"),
                byte code => CheckResult.Fail(name, $"{where} refused the connection (CONNACK {code})", "see the broker log"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Fail(name, $"no answer from {where} within {timeout.TotalSeconds:F0} s", "the broker is unreachable or a firewall drops the packets");
        }
        finally
        {
            client?.Dispose();
            ca?.Dispose();
        }
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2? ca, out string? problem)
    {
        problem = null;
        if (ca is null)
        {
            if (errors != SslPolicyErrors.None)
            {
                problem = $"the broker certificate is not trusted by the system: {errors}";
            }

            return errors == SslPolicyErrors.None;
        }

        if (certificate is null)
        {
            problem = "the broker sent no certificate";
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            problem = "the broker certificate is not for this host name";
            return false;
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(server))
        {
            problem = $"the broker certificate does not chain to the configured CA: {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()))}";
            return false;
        }

        return true;
    }

    /// <summary>An MQTT 3.1.1 CONNECT (clean session, keep-alive 10 s).</summary>
    internal static byte[] BuildConnect(string clientId, string? username, string? password)
    {
        var body = new List<byte>(64);
        AppendString(body, "MQTT");
        body.Add(4); // protocol level 3.1.1
        byte flags = 0x02;
        if (username is not null)
        {
            flags |= 0x80;
        }

        if (username is not null && password is not null)
        {
            flags |= 0x40;
        }

        body.Add(flags);
        body.Add(0);
        body.Add(10);
        AppendString(body, clientId);
        if (username is not null)
        {
            AppendString(body, username);
            if (password is not null)
            {
                AppendString(body, password);
            }
        }

        var packet = new List<byte>(body.Count + 5) { 0x10 };
        int remaining = body.Count;
        do
        {
            byte digit = (byte)(remaining % 128);
            remaining /= 128;
            packet.Add(remaining > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remaining > 0);
        packet.AddRange(body);
        return [.. packet];
    }

    private static void AppendString(List<byte> buffer, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
        buffer.Add(length[0]);
        buffer.Add(length[1]);
        buffer.AddRange(bytes);
    }
}
