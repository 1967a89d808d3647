using System.Diagnostics;
using System.IO.Ports;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// A real pseudo-terminal pair made by socat: the driver opens <see cref="SensorEnd"/> through System.IO.Ports
/// exactly as it would /dev/ttyUSB0; the test plays the sensor on <see cref="DeviceEnd"/>. socat must be
/// installed (tools/test.sh installs it); a missing socat fails the test rather than skipping it.
/// </summary>
internal sealed class SocatPty : IDisposable
{
    private readonly Process _socat;
    private readonly string _folder;

    private SocatPty(Process socat, string folder)
    {
        _socat = socat;
        _folder = folder;
    }

    public string SensorEnd => Path.Combine(_folder, "sensor");

    public string DeviceEnd => Path.Combine(_folder, "device");

    public static SocatPty Start()
    {
        string folder = Path.Combine(Path.GetTempPath(), "smartcity-pty-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(folder, "sensor")}");
        info.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(folder, "device")}");
        Process socat;
        try
        {
            socat = Process.Start(info) ?? throw new InvalidOperationException("socat did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("socat is required for the serial-port tests: apt-get install -y socat (tools/test.sh installs it).", ex);
        }

        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();
        var pty = new SocatPty(socat, folder);
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(pty.SensorEnd) && File.Exists(pty.DeviceEnd)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10) || socat.HasExited)
            {
                pty.Dispose();
                throw new InvalidOperationException("socat did not create the pseudo-terminal pair within 10 s.");
            }

            Thread.Sleep(20);
        }

        return pty;
    }

    /// <summary>Opens the device end as the simulated sensor's UART.</summary>
    public SerialPort OpenDevice()
    {
        var port = new SerialPort(DeviceEnd, 9600) { ReadTimeout = 5000, WriteTimeout = 2000 };
        port.Open();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _socat.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // socat removes its links itself; a leftover temp folder is harmless.
        }
    }
}
