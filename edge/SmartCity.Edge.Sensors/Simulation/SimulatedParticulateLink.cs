using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Sds011;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// An SDS011 or PMS5003 at the other end of an in-process serial line: streams real frame bytes once a
/// second in active mode, answers query/passive, sleep/wake and mode commands as the datasheets describe, and
/// can inject garbage bytes and checksum errors. Values follow an <see cref="AmbientProfile"/>.
/// </summary>
public sealed class SimulatedParticulateLink : ISerialLink
{
    private static readonly TimeSpan s_framePeriod = TimeSpan.FromSeconds(1);

    private readonly bool _plantower;
    private readonly AmbientProfile _profile;
    private readonly Random _random;
    private readonly byte[] _outgoing = new byte[4096];
    private readonly byte[] _incoming = new byte[64];
    private readonly ushort _deviceId;
    private int _outStart;
    private int _outCount;
    private int _inCount;
    private bool _query;
    private bool _asleep;
    private DateTimeOffset _nextFrame = DateTimeOffset.MinValue;

    /// <summary>Creates a simulated PMS5003 (<paramref name="plantower"/>) or SDS011.</summary>
    public SimulatedParticulateLink(bool plantower, AmbientProfile profile, int seed, string portName = "sim")
    {
        _plantower = plantower;
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _random = new Random(seed);
        _deviceId = (ushort)(0xA000 + (seed & 0x0FFF));
        PortName = portName;
    }

    /// <inheritdoc/>
    public string PortName { get; }

    /// <summary>Probability that garbage bytes precede a frame (0–1).</summary>
    public double GarbageProbability { get; set; }

    /// <summary>Probability that a frame carries a wrong checksum (0–1).</summary>
    public double ChecksumErrorProbability { get; set; }

    /// <summary>Whether the simulated sensor is asleep.</summary>
    public bool IsAsleep => _asleep;

    /// <summary>Whether the simulated sensor is in query (passive) mode.</summary>
    public bool IsQueryMode => _query;

    /// <summary>Commands received so far.</summary>
    public int CommandsReceived { get; private set; }

    /// <inheritdoc/>
    public int BytesAvailable
    {
        get
        {
            Produce(DateTimeOffset.UtcNow);
            return _outCount;
        }
    }

    /// <inheritdoc/>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var now = DateTimeOffset.UtcNow;
        Produce(now);
        if (_outCount == 0 && timeout > TimeSpan.Zero)
        {
            // Sleep until the next frame is due (or the timeout), as a thread blocked in read() would.
            var wait = _asleep || _query ? timeout : _nextFrame - now;
            if (wait > timeout)
            {
                wait = timeout;
            }

            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            Produce(DateTimeOffset.UtcNow);
        }

        int n = Math.Min(buffer.Length, _outCount);
        _outgoing.AsSpan(_outStart, n).CopyTo(buffer);
        _outStart += n;
        _outCount -= n;
        return n;
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            if (_inCount == _incoming.Length)
            {
                _inCount = 0;
            }

            _incoming[_inCount++] = b;
        }

        if (_plantower)
        {
            HandlePlantowerCommands();
        }
        else
        {
            HandleNovaCommands();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Produce(DateTimeOffset now)
    {
        if (_asleep || _query)
        {
            return;
        }

        if (_nextFrame == DateTimeOffset.MinValue)
        {
            _nextFrame = now;
        }

        // At most a few frames of backlog: a reader that was away gets the recent ones, as from a tty buffer.
        int frames = 0;
        while (_nextFrame <= now && frames < 3)
        {
            EmitMeasurement(now);
            _nextFrame += s_framePeriod;
            frames++;
        }

        if (_nextFrame <= now)
        {
            _nextFrame = now + s_framePeriod;
        }
    }

    private void EmitMeasurement(DateTimeOffset t)
    {
        if (GarbageProbability > 0 && _random.NextDouble() < GarbageProbability)
        {
            Span<byte> junk = stackalloc byte[1 + _random.Next(7)];
            _random.NextBytes(junk);
            Append(junk);
        }

        double pm25 = _profile.Pm25(t);
        double pm10 = pm25 * (1.5 + (0.2 * _random.NextDouble()));
        Span<byte> frame = stackalloc byte[32];
        int length;
        if (_plantower)
        {
            double pm1 = pm25 * 0.68;

            // Plantower's CF=1 channel reads higher than "atmospheric" above about 30 µg/m³.
            static ushort Cf1(double atm) => (ushort)Math.Round(atm < 30 ? atm : 30 + ((atm - 30) * 1.5));
            Span<ushort> words =
            [
                Cf1(pm1), Cf1(pm25), Cf1(pm10),
                (ushort)Math.Round(pm1), (ushort)Math.Round(pm25), (ushort)Math.Round(pm10),
                (ushort)(pm25 * 110), (ushort)(pm25 * 32), (ushort)(pm25 * 6), (ushort)(pm25 * 0.8), (ushort)(pm25 * 0.2), (ushort)(pm25 * 0.05),
                0x9700,
            ];
            Pms5003Protocol.WriteMeasurement(frame, words);
            length = 32;
        }
        else
        {
            Sds011Protocol.WriteMeasurement(frame, pm25, pm10, _deviceId);
            length = 10;
        }

        if (ChecksumErrorProbability > 0 && _random.NextDouble() < ChecksumErrorProbability)
        {
            frame[length - 3] ^= 0x5A; // corrupt a data byte so the check no longer matches
        }

        Append(frame[..length]);
    }

    private void HandleNovaCommands()
    {
        Span<byte> reply = stackalloc byte[10];
        while (_inCount >= Sds011Protocol.CommandLength)
        {
            var command = _incoming.AsSpan(0, Sds011Protocol.CommandLength);
            if (command[0] != 0xAA || command[1] != 0xB4 || command[18] != 0xAB)
            {
                Shift(1);
                continue;
            }

            CommandsReceived++;
            var id = (Sds011Command)command[2];
            bool set = command[3] == 1;
            byte value = command[4];
            switch (id)
            {
                case Sds011Command.SleepWork when set:
                    _asleep = value == 0;
                    _nextFrame = DateTimeOffset.MinValue;
                    Sds011Protocol.WriteSensorFrame(reply, true, (byte)id, 1, value, 0, _deviceId);
                    Append(reply);
                    break;
                case Sds011Command.ReportingMode:
                    if (set)
                    {
                        _query = value == 1;
                    }

                    Sds011Protocol.WriteSensorFrame(reply, true, (byte)id, command[3], _query ? (byte)1 : (byte)0, 0, _deviceId);
                    Append(reply);
                    break;
                case Sds011Command.QueryData when !_asleep:
                    EmitMeasurement(DateTimeOffset.UtcNow);
                    break;
                case Sds011Command.WorkingPeriod:
                    Sds011Protocol.WriteSensorFrame(reply, true, (byte)id, command[3], value, 0, _deviceId);
                    Append(reply);
                    break;
            }

            Shift(Sds011Protocol.CommandLength);
        }
    }

    private void HandlePlantowerCommands()
    {
        Span<byte> reply = stackalloc byte[8];
        while (_inCount >= Pms5003Protocol.CommandLength)
        {
            var command = _incoming.AsSpan(0, Pms5003Protocol.CommandLength);
            if (command[0] != 0x42 || command[1] != 0x4D)
            {
                Shift(1);
                continue;
            }

            CommandsReceived++;
            byte value = command[4];
            switch (command[2])
            {
                case Pms5003Protocol.ChangeMode:
                    _query = value == 0;
                    _nextFrame = DateTimeOffset.MinValue;
                    Pms5003Protocol.WriteReply(reply, Pms5003Protocol.ChangeMode, value);
                    Append(reply);
                    break;
                case Pms5003Protocol.ReadPassive when !_asleep:
                    EmitMeasurement(DateTimeOffset.UtcNow);
                    break;
                case Pms5003Protocol.SleepWake:
                    _asleep = value == 0;
                    _nextFrame = DateTimeOffset.MinValue;
                    if (_asleep)
                    {
                        Pms5003Protocol.WriteReply(reply, Pms5003Protocol.SleepWake, value);
                        Append(reply);
                    }

                    break;
            }

            Shift(Pms5003Protocol.CommandLength);
        }
    }

    private void Shift(int count)
    {
        _incoming.AsSpan(count, _inCount - count).CopyTo(_incoming);
        _inCount -= count;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_outStart + _outCount + bytes.Length > _outgoing.Length)
        {
            _outgoing.AsSpan(_outStart, _outCount).CopyTo(_outgoing);
            _outStart = 0;
            if (_outCount + bytes.Length > _outgoing.Length)
            {
                // Nobody is reading: drop the backlog like an overflowing tty buffer.
                _outCount = 0;
            }
        }

        bytes.CopyTo(_outgoing.AsSpan(_outStart + _outCount));
        _outCount += bytes.Length;
    }
}
