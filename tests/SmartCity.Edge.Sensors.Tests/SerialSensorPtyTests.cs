using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Mhz19b;
using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Sds011;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// The UART drivers over real pseudo-terminals (socat) through System.IO.Ports: real frame bytes with
/// garbage, frames split across writes, checksum errors and another sensor's frames; commands checked byte
/// for byte on the wire against the datasheets.
/// </summary>
public sealed class SerialSensorPtyTests
{
    [Fact]
    public async Task Sds011_active_mode_survives_garbage_split_frames_bad_checksums_and_foreign_frames()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Sds011Sensor("pm-north", new SerialPortLink(pty.SensorEnd, 9600), new SerialParticulateOptions { ReadTimeout = TimeSpan.FromSeconds(3) });

        var script = Task.Run(() =>
        {
            // The sensor answers "set active mode" (the driver sends it on first use) …
            var command = device.ReadExactly(19);
            Assert.Equal(Convert.FromHexString("AAB402010000000000000000000000FFFF01AB"), command);
            device.Send(Frames.SdsReply(0x02, 0x01, 0x00));

            // … then streams: garbage, a frame with a bad checksum, a PMS5003 frame, and a good frame in two writes.
            device.Send([0x13, 0x37, 0xAA, 0x00]);
            device.Send(Frames.Corrupt(Frames.Sds(999, 999), 5));
            device.Send(Frames.Pms(1, 2, 3, 1, 2, 3));
            var good = Frames.SdsDatasheetMeasurement;
            device.Send(good[..4]);
            Thread.Sleep(150);
            device.Send(good[4..]);
        });

        var readings = new SensorReading[2];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault), fault.ToString());
        await script;

        Assert.Equal(2, written);
        Assert.Equal((Quantity.Pm25, 123.6), (readings[0].Quantity, readings[0].Value));
        Assert.Equal((Quantity.Pm10, 261.8), (readings[1].Quantity, readings[1].Value));
        Assert.Equal(1, sensor.Counters.ChecksumErrors);
        Assert.Equal(1, sensor.Counters.ForeignFrames);
        Assert.Equal(4, sensor.Counters.GarbageBytes);
        Assert.Equal(0xA160, sensor.DeviceId);
    }

    [Fact]
    public async Task Sds011_query_mode_sleep_and_wake_are_the_datasheet_commands_on_the_wire()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Sds011Sensor("pm-south", new SerialPortLink(pty.SensorEnd, 9600), new SerialParticulateOptions { Mode = ParticulateReportingMode.Query });

        var script = Task.Run(() =>
        {
            Assert.Equal(Convert.FromHexString("AAB402010100000000000000000000FFFF02AB"), device.ReadExactly(19));
            device.Send(Frames.SdsReply(0x02, 0x01, 0x01));
            Assert.Equal(Convert.FromHexString("AAB404000000000000000000000000FFFF02AB"), device.ReadExactly(19));
            device.Send(Frames.Sds(87, 154));
            Assert.Equal(Convert.FromHexString("AAB406010000000000000000000000FFFF05AB"), device.ReadExactly(19));
            device.Send([0xAA, 0xC5, 0x06, 0x01, 0x00, 0x00, 0xA1, 0x60, 0x08, 0xAB]);
            Assert.Equal(Convert.FromHexString("AAB406010100000000000000000000FFFF06AB"), device.ReadExactly(19));
            device.Send(Frames.SdsReply(0x06, 0x01, 0x01));
            Assert.Equal(Convert.FromHexString("AAB404000000000000000000000000FFFF02AB"), device.ReadExactly(19));
            device.Send(Frames.Sds(90, 160));
        });

        var readings = new SensorReading[2];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out var fault), fault.ToString());
        Assert.Equal(8.7, readings[0].Value, 10);
        Assert.Equal(15.4, readings[1].Value, 10);

        Assert.True(sensor.Sleep());
        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out fault));
        Assert.Equal(SensorFault.Asleep, fault);
        Assert.True(sensor.Wake());
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out fault), fault.ToString());
        Assert.Equal(9.0, readings[0].Value, 10);
        await script;
    }

    [Fact]
    public void Sds011_silent_line_is_a_counted_timeout()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Sds011Sensor("pm-east", new SerialPortLink(pty.SensorEnd, 9600), new SerialParticulateOptions { ReadTimeout = TimeSpan.FromMilliseconds(300) });

        var readings = new SensorReading[2];
        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out var fault));

        Assert.Equal(SensorFault.Timeout, fault);
        Assert.Equal(1, sensor.Counters.Timeouts);
    }

    [Fact]
    public async Task Sds011_port_fed_only_pms5003_frames_reports_a_foreign_frame_fault()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Sds011Sensor("pm-west", new SerialPortLink(pty.SensorEnd, 9600), new SerialParticulateOptions { ReadTimeout = TimeSpan.FromMilliseconds(800) });

        var script = Task.Run(() =>
        {
            device.ReadExactly(19);
            for (int i = 0; i < 3; i++)
            {
                device.Send(Frames.Pms(10, 20, 30, 10, 20, 30));
            }
        });

        var readings = new SensorReading[2];
        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out var fault));
        await script;

        Assert.Equal(SensorFault.ForeignFrame, fault);
        Assert.Equal(3, sensor.Counters.ForeignFrames);
    }

    [Fact]
    public async Task Pms5003_passive_mode_reads_on_request_and_sleeps_with_the_datasheet_commands()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Pms5003Sensor("pm-a", new SerialPortLink(pty.SensorEnd, 9600), new SerialParticulateOptions { Mode = ParticulateReportingMode.Query });

        var script = Task.Run(() =>
        {
            Assert.Equal(Convert.FromHexString("424DE100000170"), device.ReadExactly(7));
            device.Send([0x42, 0x4D, 0x00, 0x04, 0xE1, 0x00, 0x01, 0x74]);
            Assert.Equal(Convert.FromHexString("424DE200000171"), device.ReadExactly(7));

            // Garbage, then the frame in three pieces.
            var frame = Frames.Pms(12, 31, 35, 10, 25, 33);
            device.Send([0x4D, 0x42, 0x42]);
            device.Send(frame[..2]);
            Thread.Sleep(100);
            device.Send(frame[2..20]);
            Thread.Sleep(100);
            device.Send(frame[20..]);
            Assert.Equal(Convert.FromHexString("424DE400000173"), device.ReadExactly(7));
            Assert.Equal(Convert.FromHexString("424DE400010174"), device.ReadExactly(7));
        });

        var readings = new SensorReading[4];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault), fault.ToString());
        Assert.Equal(4, written);
        Assert.Equal((Quantity.Pm1, 10.0), (readings[0].Quantity, readings[0].Value));
        Assert.Equal((Quantity.Pm25, 25.0), (readings[1].Quantity, readings[1].Value));
        Assert.Equal((Quantity.Pm10, 33.0), (readings[2].Quantity, readings[2].Value));
        Assert.Equal((Quantity.Pm25, 31.0, ReadingBasis.Cf1), (readings[3].Quantity, readings[3].Value, readings[3].Basis));
        Assert.Equal(3, sensor.Counters.GarbageBytes);

        sensor.Sleep();
        sensor.Wake();
        await script;
    }

    [Fact]
    public async Task Pms5003_active_stream_with_checksum_error_and_an_sds011_frame()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Pms5003Sensor("pm-b", new SerialPortLink(pty.SensorEnd, 9600));

        var script = Task.Run(() =>
        {
            Assert.Equal(Convert.FromHexString("424DE100010171"), device.ReadExactly(7));
            device.Send(Frames.Corrupt(Frames.Pms(1, 1, 1, 1, 1, 1), 12));
            device.Send(Frames.SdsDatasheetMeasurement);
            device.Send(Frames.Pms(5, 6, 7, 5, 6, 7));
        });

        var readings = new SensorReading[4];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out var fault), fault.ToString());
        await script;

        Assert.Equal(6.0, readings[1].Value);
        Assert.Equal(1, sensor.Counters.ChecksumErrors);
        Assert.Equal(1, sensor.Counters.ForeignFrames);
    }

    [Fact]
    public async Task Mhz19b_binding_reads_co2_over_the_pty()
    {
        using var pty = SocatPty.Start();
        using var device = pty.OpenDevice();
        using var sensor = new Mhz19bSensor("co2", pty.SensorEnd);

        var script = Task.Run(() =>
        {
            // MH-Z19B datasheet: read command FF 01 86 00 00 00 00 00 79; answer FF 86 HH LL – – – – checksum.
            Assert.Equal(Convert.FromHexString("FF0186000000000079"), device.ReadExactly(9));
            byte[] answer = [0xFF, 0x86, 0x02, 0x60, 0x47, 0x00, 0x00, 0x00, 0x00];
            answer[8] = (byte)(0xFF - ByteSequences.Sum8(answer.AsSpan(1, 7)) + 1);
            device.Send(answer);
        });

        var readings = new SensorReading[1];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out var fault), fault.ToString());
        await script;

        Assert.Equal((Quantity.Co2, 608.0), (readings[0].Quantity, readings[0].Value));
    }
}
