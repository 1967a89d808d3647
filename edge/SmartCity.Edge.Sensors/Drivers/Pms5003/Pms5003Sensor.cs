using System.Buffers;
using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Drivers.Pms5003;

/// <summary>
/// Plantower PMS5003 (and PMS7003/PMSA003, same protocol) on a UART (9600 8N1). Reports PM1, PM2.5 and PM10
/// for atmospheric environment and PM2.5 CF=1 (<see cref="ReadingBasis.Cf1"/>) for the EPA correction.
/// Query mode uses the sensor's passive mode.
/// </summary>
public sealed class Pms5003Sensor : SerialParticulateSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Pm1, Quantity.Pm25, Quantity.Pm10];

    // The PMS5003 acknowledges mode and sleep commands on some firmware only: wait briefly, never insist.
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromMilliseconds(500);

    private readonly Pms5003FrameDecoder _decoder;
    private Pms5003Frame _latest;

    /// <summary>Drives the PMS5003 on <paramref name="link"/> (owned).</summary>
    public Pms5003Sensor(string name, ISerialLink link, SerialParticulateOptions? options = null)
        : base(name, link, options ?? new SerialParticulateOptions())
    {
        _decoder = new Pms5003FrameDecoder(Counters);
    }

    /// <inheritdoc/>
    public override string Model => "PMS5003";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    public override int MaxReadings => 4;

    /// <summary>The newest measurement frame, with CF=1 values and particle counts.</summary>
    public Pms5003Frame LatestFrame => _latest;

    /// <summary>Reads one whole frame (dotnet/iot style).</summary>
    public bool TryReadFrame(out Pms5003Frame frame)
    {
        Span<SensorReading> readings = stackalloc SensorReading[4];
        if (TryRead(DateTimeOffset.UtcNow, readings, out _, out _))
        {
            frame = _latest;
            return true;
        }

        frame = default;
        return false;
    }

    /// <inheritdoc/>
    protected override bool Configure(out SensorFault fault)
    {
        Span<byte> command = stackalloc byte[Pms5003Protocol.CommandLength];
        bool passive = Options.Mode == ParticulateReportingMode.Query;
        Pms5003Protocol.WriteCommand(command, Pms5003Protocol.ChangeMode, passive ? (ushort)0 : (ushort)1);
        Link.Write(command);
        _ = Receive(FrameWanted.Reply, Pms5003Protocol.ChangeMode, s_replyTimeout, out _);
        fault = SensorFault.None;
        return true;
    }

    /// <inheritdoc/>
    protected override void WriteQuery()
    {
        Span<byte> command = stackalloc byte[Pms5003Protocol.CommandLength];
        Pms5003Protocol.WriteCommand(command, Pms5003Protocol.ReadPassive, 0);
        Link.Write(command);
    }

    /// <inheritdoc/>
    protected override bool SendSleep(out SensorFault fault)
    {
        Span<byte> command = stackalloc byte[Pms5003Protocol.CommandLength];
        Pms5003Protocol.WriteCommand(command, Pms5003Protocol.SleepWake, 0);
        Link.Write(command);
        _ = Receive(FrameWanted.Reply, Pms5003Protocol.SleepWake, s_replyTimeout, out _);
        fault = SensorFault.None;
        return true;
    }

    /// <inheritdoc/>
    protected override bool SendWake()
    {
        // No answer to wake: the fan spins up and frames resume (after WarmUp they are trustworthy).
        Span<byte> command = stackalloc byte[Pms5003Protocol.CommandLength];
        Pms5003Protocol.WriteCommand(command, Pms5003Protocol.SleepWake, 1);
        Link.Write(command);
        return true;
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
            replyCommand = frame.ReplyCommand;
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
        destination[0] = new SensorReading(Quantity.Pm1, _latest.Pm1, timestamp);
        destination[1] = new SensorReading(Quantity.Pm25, _latest.Pm25, timestamp);
        destination[2] = new SensorReading(Quantity.Pm10, _latest.Pm10, timestamp);
        destination[3] = new SensorReading(Quantity.Pm25, _latest.Pm25Cf1, timestamp, ReadingBasis.Cf1);
        return 4;
    }
}
