using System.Buffers;
using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Serial;
using UnitsNet;
using Quantity = SmartCity.AirQuality.Quantity;

namespace SmartCity.Edge.Sensors.Drivers.Sds011;

/// <summary>
/// Nova Fitness SDS011 laser particulate sensor on a UART (9600 8N1). Reports PM2.5 and PM10 in µg/m³.
/// In query mode the driver asks for each measurement; in active mode it reports the newest frame.
/// </summary>
public sealed class Sds011Sensor : SerialParticulateSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Pm25, Quantity.Pm10];

    // Commands are answered within a few hundred ms; a second covers a frame already on the wire.
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(1.5);

    private readonly Sds011FrameDecoder _decoder;
    private Sds011Frame _latest;

    /// <summary>Drives the SDS011 on <paramref name="link"/> (owned).</summary>
    public Sds011Sensor(string name, ISerialLink link, SerialParticulateOptions? options = null)
        : base(name, link, options ?? new SerialParticulateOptions())
    {
        _decoder = new Sds011FrameDecoder(Counters);
    }

    /// <inheritdoc/>
    public override string Model => "SDS011";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    public override int MaxReadings => 2;

    /// <summary>The newest measurement frame.</summary>
    public Sds011Frame LatestFrame => _latest;

    /// <summary>The sensor id from the newest frame.</summary>
    public ushort DeviceId => _latest.DeviceId;

    /// <summary>Reads PM2.5 and PM10 (dotnet/iot style).</summary>
    public bool TryReadParticulateMatter(out MassConcentration pm25, out MassConcentration pm10)
    {
        Span<SensorReading> readings = stackalloc SensorReading[2];
        if (TryRead(DateTimeOffset.UtcNow, readings, out _, out _))
        {
            pm25 = MassConcentration.FromMicrogramsPerCubicMeter(readings[0].Value);
            pm10 = MassConcentration.FromMicrogramsPerCubicMeter(readings[1].Value);
            return true;
        }

        pm25 = default;
        pm10 = default;
        return false;
    }

    /// <summary>
    /// Sets the working period: 0 = continuous, 1–30 = the sensor measures once every n minutes and sleeps in
    /// between by itself. True when the sensor confirmed.
    /// </summary>
    public bool TrySetWorkingPeriod(byte minutes)
    {
        Span<byte> command = stackalloc byte[Sds011Protocol.CommandLength];
        Sds011Protocol.WriteSetWorkingPeriod(command, minutes);
        Link.Write(command);
        return Receive(FrameWanted.Reply, (int)Sds011Command.WorkingPeriod, s_replyTimeout, out _);
    }

    /// <inheritdoc/>
    protected override bool Configure(out SensorFault fault)
    {
        Span<byte> command = stackalloc byte[Sds011Protocol.CommandLength];
        Sds011Protocol.WriteSetReportingMode(command, Options.Mode == ParticulateReportingMode.Query);
        Link.Write(command);
        return Receive(FrameWanted.Reply, (int)Sds011Command.ReportingMode, s_replyTimeout, out fault);
    }

    /// <inheritdoc/>
    protected override void WriteQuery()
    {
        Span<byte> command = stackalloc byte[Sds011Protocol.CommandLength];
        Sds011Protocol.WriteQueryData(command);
        Link.Write(command);
    }

    /// <inheritdoc/>
    protected override bool SendSleep(out SensorFault fault)
    {
        Span<byte> command = stackalloc byte[Sds011Protocol.CommandLength];
        Sds011Protocol.WriteSleepWork(command, work: false);
        Link.Write(command);
        return Receive(FrameWanted.Reply, (int)Sds011Command.SleepWork, s_replyTimeout, out fault);
    }

    /// <inheritdoc/>
    protected override bool SendWake()
    {
        Span<byte> command = stackalloc byte[Sds011Protocol.CommandLength];
        Sds011Protocol.WriteSleepWork(command, work: true);
        Link.Write(command);
        return Receive(FrameWanted.Reply, (int)Sds011Command.SleepWork, s_replyTimeout, out _);
    }

    /// <inheritdoc/>
    protected override bool DecodeNext(in ReadOnlySequence<byte> pending, out SequencePosition consumed, out int replyCommand)
    {
        if (!_decoder.TryDecode(pending, out var frame, out consumed, out _))
        {
            replyCommand = -1;
            return false;
        }

        if (frame.IsReply)
        {
            replyCommand = (int)frame.ReplyTo;
        }
        else
        {
            _latest = frame;
            replyCommand = -1;
        }

        return true;
    }

    /// <inheritdoc/>
    protected override int WriteLatest(DateTimeOffset timestamp, Span<SensorReading> destination)
    {
        destination[0] = new SensorReading(Quantity.Pm25, _latest.Pm25, timestamp);
        destination[1] = new SensorReading(Quantity.Pm10, _latest.Pm10, timestamp);
        return 2;
    }
}
