using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCity.Cloud.Enrollment;
using SmartCity.Edge.Provisioning.Diagnostics;
using SmartCity.TestServers;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>
/// The shipped broker configuration (deploy/mosquitto/mosquitto.conf + acl), run by a real Mosquitto with
/// certificates from the real enrollment service: an enrolled device connects, device A cannot publish to device
/// B's topics, and a revoked certificate is refused once the CRL is reloaded.
/// </summary>
public sealed class DeployedBrokerConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-deployed-mosquitto-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [MosquittoFact]
    public async Task Enrolled_devices_are_confined_to_their_topics_and_revocation_is_enforced()
    {
        using var enrollment = new EnrollmentService(new EnrollmentOptions { DataFolder = Path.Combine(_folder, "enrollment"), BrokerHost = "127.0.0.1" });
        string certs = Directory.CreateDirectory(Path.Combine(_folder, "certs")).FullName;
        File.WriteAllText(Path.Combine(certs, "device-ca.crt.pem"), enrollment.Authority.CertificatePem);
        using (var server = enrollment.Authority.IssueServerCertificate(["localhost"], [IPAddress.Loopback]))
        {
            File.WriteAllText(Path.Combine(certs, "broker.crt.pem"), server.ExportCertificatePem());
            File.WriteAllText(Path.Combine(certs, "broker.key.pem"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }

        var (certA, keyA) = Enroll(enrollment, "pole-a");
        var (certB, keyB) = Enroll(enrollment, "pole-b");
        File.Copy(enrollment.CrlPath, Path.Combine(certs, "crl.pem"));
        int tlsPort = MosquittoServer.FreePort();
        int internalPort = MosquittoServer.FreePort();
        string caPath = Path.Combine(certs, "device-ca.crt.pem");
        using var broker = StartBroker(certs, tlsPort, internalPort);
        try
        {
            await WaitForPortAsync(tlsPort, broker);

            var ok = await BrokerProbe.RunAsync(Target("pole-a", tlsPort, caPath, certA, keyA), TimeSpan.FromSeconds(10));
            Assert.True(ok.Status == CheckStatus.Pass, ok.Detail + " | " + Log(broker));

            using (var a = await ConnectAsync("pole-a", tlsPort, caPath, certA, keyA))
            {
                var own = await a.PublishAsync(Message("smartcity/v1/pole-a/status"));
                var foreign = await a.PublishAsync(Message("smartcity/v1/pole-b/status"));
                var outside = await a.PublishAsync(Message("other/topic"));
                Assert.True(own.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers, own.ReasonCode.ToString());
                Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
                Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, outside.ReasonCode);
            }

            // Revoke pole-b, hand the broker the new CRL and make it reload (SIGHUP).
            Assert.Equal(1, enrollment.RevokeDevice("pole-b"));
            File.Copy(enrollment.CrlPath, Path.Combine(certs, "crl.pem"), overwrite: true);
            Process.Start("kill", ["-HUP", broker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            var deadline = Stopwatch.StartNew();
            CheckResult revoked;
            do
            {
                revoked = await BrokerProbe.RunAsync(Target("pole-b", tlsPort, caPath, certB, keyB), TimeSpan.FromSeconds(10));
                if (revoked.Status == CheckStatus.Fail)
                {
                    break;
                }

                await Task.Delay(200);
            }
            while (deadline.Elapsed < TimeSpan.FromSeconds(20));

            Assert.True(revoked.Status == CheckStatus.Fail, "revoked certificate still accepted | " + Log(broker));
            var stillOk = await BrokerProbe.RunAsync(Target("pole-a", tlsPort, caPath, certA, keyA), TimeSpan.FromSeconds(10));
            Assert.True(stillOk.Status == CheckStatus.Pass, stillOk.Detail);
        }
        finally
        {
            if (!broker.HasExited)
            {
                broker.Kill();
                broker.WaitForExit(10_000);
            }
        }
    }

    private readonly StringBuilder _log = new();

    private string Log(Process _)
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private (string Cert, string Key) Enroll(EnrollmentService enrollment, string device)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var reply = enrollment.Enroll(enrollment.CreateToken(device).Token, DeviceCsr.Create(key, device));
        string cert = Path.Combine(_folder, device + ".crt.pem");
        string keyPath = Path.Combine(_folder, device + ".key.pem");
        File.WriteAllText(cert, reply.Certificate);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (cert, keyPath);
    }

    private static BrokerProbe.Target Target(string device, int port, string ca, string cert, string key) => new()
    {
        Host = "127.0.0.1", Port = port, Tls = true, DeviceId = device, CaCertificate = ca, ClientCertificate = cert, ClientKey = key,
    };

    private Process StartBroker(string certs, int tlsPort, int internalPort)
    {
        string repo = FindRepository();
        string conf = File.ReadAllText(Path.Combine(repo, "deploy", "mosquitto", "mosquitto.conf"));
        string data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        File.Copy(Path.Combine(repo, "deploy", "mosquitto", "acl"), Path.Combine(_folder, "acl"));
        File.WriteAllText(Path.Combine(_folder, "passwd"), "");
        // Only the container paths and the ports change; every security setting is the shipped one.
        conf = conf.Replace("/mosquitto/certs/", certs + "/", StringComparison.Ordinal)
                   .Replace("/mosquitto/config/", _folder + "/", StringComparison.Ordinal)
                   .Replace("/mosquitto/data/", data + "/", StringComparison.Ordinal)
                   .Replace("listener 8883", $"listener {tlsPort} 127.0.0.1", StringComparison.Ordinal)
                   .Replace("listener 1883", $"listener {internalPort} 127.0.0.1", StringComparison.Ordinal)
                   .Replace("log_dest stdout", $"log_dest stderr\nuser {Environment.UserName}", StringComparison.Ordinal);
        string path = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllText(path, conf);
        var process = new Process { StartInfo = new ProcessStartInfo(MosquittoServer.FindMosquitto() ?? "mosquitto", ["-c", path]) { RedirectStandardError = true, RedirectStandardOutput = true } };
        process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private async Task WaitForPortAsync(int port, Process broker)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (broker.HasExited)
            {
                throw new InvalidOperationException("mosquitto exited with the shipped configuration: " + Log(broker));
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("mosquitto did not listen within 30 s: " + Log(broker));
    }

    private static async Task<IMqttClient> ConnectAsync(string device, int port, string ca, string cert, string key)
    {
        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(ca);
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(device)
            .WithTlsOptions(new MqttClientTlsOptionsBuilder()
                .WithTargetHost("127.0.0.1")
                .WithTrustChain(trust)
                .WithClientCertificates([X509Certificate2.CreateFromPemFile(cert, key)])
                .Build())
            .Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(options, cts.Token);
        return client;
    }

    private static MqttApplicationMessage Message(string topic) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload("{}"u8.ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No SmartCity.sln above the test assembly.");
    }
}
