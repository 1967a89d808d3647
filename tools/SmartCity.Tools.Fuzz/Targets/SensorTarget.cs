using System.Buffers;
using SmartCity.Edge.Sensors;
using SmartCity.Edge.Sensors.Drivers.Bme280;
using SmartCity.Edge.Sensors.Drivers.Mhz19b;
using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Scd4x;
using SmartCity.Edge.Sensors.Drivers.Sds011;
using SmartCity.Edge.Sensors.Drivers.Sht3x;
using SmartCity.Edge.Sensors.Simulation;

namespace SmartCity.Tools.Fuzz.Targets;

/// <summary>
/// The sensor frame parsers, one per input: the SDS011 and PMS5003 UART stream decoders (input fed in random chunks),
/// the MH-Z19B answer (through Iot.Device.Bindings on a scripted UART), the SCD4x Sensirion CRC words and the BME280
/// calibration block plus ADC registers (through the bindings on a scripted I²C bus), and the SHT3x Sensirion CRC
/// words (rarely: each SHT3x read waits 16 ms for the measurement). The SCD4x (<c>--parsers scd4x</c>) is not in the
/// default mix: Iot.Device.Bindings paces its reads to the 5 s measurement period, so it manages about one input per
/// 0.5–5 s. A refusal is a decoder that finds no frame or a sensor that reports
/// a fault (<see cref="SensorFault"/>); a construction refused with <see cref="IOException"/> (wrong chip id, NACK) too.
/// </summary>
public sealed class SensorTarget : IFuzzTarget, IDisposable
{
    private const int Sds011 = 0, Pms5003 = 1, Mhz19b = 2, Scd4x = 3, Bme280 = 4, Sht3x = 5;
    private static readonly string[] s_names = ["sds011", "pms5003", "mhz19b", "scd4x", "bme280", "sht3x"];

    /// <summary>The sub-parser names, for <c>--parsers</c>.</summary>
    public static IReadOnlyList<string> ParserNames => s_names;

    private readonly int[] _enabled;

    private readonly List<int> _seedOwner = [];
    private readonly ScriptedSerialStream _uart = new();
    private readonly ScriptedBus _scdBus = new(0x62);
    private readonly ScriptedBus _bmeBus = new(0x76);
    private readonly ScriptedBus _shtBus = new(0x44);
    private readonly Mhz19bSensor _mhz;
    private readonly Scd4xSensor _scd;
    private readonly Sht3xSensor _sht;
    private readonly SensorReading[] _readings = new SensorReading[8];

    /// <summary>Builds the seeds: valid frames, and valid I²C sessions recorded from the simulated sensors.</summary>
    /// <param name="parsers">The sub-parsers to run (names from <see cref="ParserNames"/>); null or empty for all.</param>
    public SensorTarget(IReadOnlyCollection<string>? parsers = null)
    {
        _enabled = parsers is { Count: > 0 }
            ? [.. parsers.Select(p => Array.IndexOf(s_names, p) is int i and >= 0 ? i : throw new ArgumentException($"unknown sensor parser '{p}'; known: {string.Join(", ", s_names)}", nameof(parsers)))]
            : [Sds011, Pms5003, Mhz19b, Bme280, Sht3x];
        var seeds = new List<byte[]>();
        void Add(int owner, byte[] seed)
        {
            seeds.Add(seed);
            _seedOwner.Add(owner);
        }

        byte[] sds = new byte[30];
        Sds011Protocol.WriteMeasurement(sds, 12.3, 45.6, 0x1234);
        Sds011Protocol.WriteSensorFrame(sds.AsSpan(10), true, 2, 1, 0, 0, 0x1234);
        Sds011Protocol.WriteMeasurement(sds.AsSpan(20), 999.9, 0, 0xFFFF);
        Add(Sds011, sds);

        byte[] pms = new byte[72];
        ushort[] words = [5, 12, 20, 5, 12, 20, 900, 300, 80, 10, 2, 1, 0];
        Pms5003Protocol.WriteMeasurement(pms, words);
        Pms5003Protocol.WriteReply(pms.AsSpan(32), 0xE1, 1);
        Pms5003Protocol.WriteMeasurement(pms.AsSpan(40), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Add(Pms5003, pms);

        byte[] mhz = [0xFF, 0x86, 0x02, 0x60, 0x47, 0x00, 0x00, 0x00, 0x00];
        mhz[8] = MhzChecksum(mhz);
        Add(Mhz19b, mhz);

        using (var sim = new SimulatedScd4x(new AmbientProfile(seed: 1)))
        {
            var rec = new RecordingI2c(sim);
            using var scd = new Scd4xSensor("seed", rec);
            rec.Recorded.Clear();
            scd.TryRead(DateTimeOffset.UtcNow, _readings, out _, out _);
            Add(Scd4x, [.. rec.Recorded.Skip(Math.Max(0, rec.Recorded.Count - 9))]); // the measurement words; Run adds "ready"
        }

        foreach (var (t, rh, p) in new[] { (21.5, 40.0, 1013.25), (-30.0, 95.0, 870.0) })
        {
            var sim = new SimulatedBmx280(withHumidity: true);
            sim.SetEnvironment(t, rh, p);
            var rec = new RecordingI2c(sim);
            using var bme = new Bme280Sensor("seed", rec);
            bme.TryRead(DateTimeOffset.UtcNow, _readings, out _, out _);
            Add(Bme280, [.. rec.Recorded]);
        }

        byte[] sht = [0x66, 0x66, 0, 0x80, 0x00, 0];
        sht[2] = SensirionCrc(sht.AsSpan(0, 2));
        sht[5] = SensirionCrc(sht.AsSpan(3, 2));
        Add(Sht3x, sht);

        Seeds = seeds;
        _mhz = new Mhz19bSensor("mhz19b", _uart);
        _scd = new Scd4xSensor("scd4x", _scdBus);
        _sht = new Sht3xSensor("sht3x", _shtBus);
    }

    /// <inheritdoc/>
    public string Name => "sensors";

    /// <inheritdoc/>
    public bool IsText => false;

    /// <inheritdoc/>
    public IReadOnlyList<byte[]> Seeds { get; }

    /// <inheritdoc/>
    public string? Run(ReadOnlySpan<byte> input, int seedIndex, int random)
    {
        int parser = seedIndex >= 0 ? _seedOwner[seedIndex] : _enabled[random % _enabled.Length];
        if (Array.IndexOf(_enabled, parser) < 0)
        {
            parser = _enabled[random % _enabled.Length];
        }

        if (parser == Sht3x && _enabled.Length > 1 && (random >> 8) % 64 != 0)
        {
            // Each SHT3x read waits 16 ms for its measurement: one in 64 of its inputs runs, the rest go elsewhere.
            parser = _enabled[(random >> 14) % (_enabled.Length - 1)];
            parser = parser == Sht3x ? _enabled[^2] : parser;
        }

        string name = s_names[parser];
        string? refusal = parser switch
        {
            Sds011 => DecodeSds011(input, 1 + (random % 40)),
            Pms5003 => DecodePms5003(input, 1 + (random % 40)),
            Mhz19b => ReadSensor(_mhz, _uart, input),
            Scd4x => ReadScd4x(input),
            Bme280 => ReadBme280(input),
            _ => ReadSht3x(input),
        };
        return refusal is null ? null : $"{name}: {refusal}";
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _mhz.Dispose();
        _scd.Dispose();
        _sht.Dispose();
    }

    private static byte MhzChecksum(ReadOnlySpan<byte> frame)
    {
        byte sum = 0;
        for (int i = 1; i < 8; i++)
        {
            sum += frame[i];
        }

        return (byte)(0xFF - sum + 1);
    }

    private static byte SensirionCrc(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }

    private static string? DecodeSds011(ReadOnlySpan<byte> input, int chunk)
    {
        var decoder = new Sds011FrameDecoder();
        int frames = Feed(input, chunk, (in ReadOnlySequence<byte> seq, out SequencePosition consumed) =>
        {
            bool ok = decoder.TryDecode(seq, out Sds011Frame f, out consumed, out SequencePosition examined);
            Check(seq, consumed, examined);
            if (ok && !(double.IsFinite(f.Pm25) && double.IsFinite(f.Pm10) && f.Pm25 >= 0 && f.Pm10 >= 0))
            {
                throw new InvalidOperationException($"SDS011 frame with PM2.5 {f.Pm25}, PM10 {f.Pm10}");
            }

            return ok;
        });
        return frames > 0 ? null : Describe(decoder.Counters);
    }

    private static string? DecodePms5003(ReadOnlySpan<byte> input, int chunk)
    {
        var decoder = new Pms5003FrameDecoder();
        int frames = Feed(input, chunk, (in ReadOnlySequence<byte> seq, out SequencePosition consumed) =>
        {
            bool ok = decoder.TryDecode(seq, out Pms5003Frame _, out consumed, out SequencePosition examined);
            Check(seq, consumed, examined);
            return ok;
        });
        return frames > 0 ? null : Describe(decoder.Counters);
    }

    private static string Describe(SensorCounters counters) =>
        counters.ChecksumErrors > 0 ? "checksum error" : counters.ForeignFrames > 0 ? "foreign frame" : "no frame";

    private delegate bool Decode(in ReadOnlySequence<byte> sequence, out SequencePosition consumed);

    /// <summary>Feeds the input in chunks as a UART read loop does, keeping the unconsumed bytes; returns frames found.</summary>
    private static int Feed(ReadOnlySpan<byte> input, int chunk, Decode decode)
    {
        var pending = new List<byte>(64);
        int frames = 0;
        for (int offset = 0; offset < input.Length; offset += chunk)
        {
            pending.AddRange(input.Slice(offset, Math.Min(chunk, input.Length - offset)));
            while (pending.Count > 0)
            {
                var seq = new ReadOnlySequence<byte>(pending.ToArray());
                bool ok = decode(seq, out SequencePosition consumed);
                int used = (int)seq.Slice(0, consumed).Length;
                pending.RemoveRange(0, used);
                if (!ok)
                {
                    break;
                }

                frames++;
            }

            if (pending.Count > 64)
            {
                throw new InvalidOperationException($"decoder holds back {pending.Count} bytes");
            }
        }

        return frames;
    }

    private static void Check(in ReadOnlySequence<byte> seq, SequencePosition consumed, SequencePosition examined)
    {
        long used = seq.Slice(0, consumed).Length;
        long seen = seq.Slice(0, examined).Length;
        if (used < 0 || used > seq.Length || seen < used || seen > seq.Length)
        {
            throw new InvalidOperationException($"decoder positions out of range: consumed {used}, examined {seen}, length {seq.Length}");
        }
    }

    private string? ReadSensor(ISensor sensor, ScriptedSerialStream stream, ReadOnlySpan<byte> input)
    {
        stream.Reset(input);
        return Read(sensor);
    }

    private string? ReadScd4x(ReadOnlySpan<byte> input)
    {
        // The binding polls data-ready until the next measurement period (seconds) when the first word says "not
        // ready" or fails its CRC: the input follows a valid "ready" answer, so that each run takes microseconds.
        // (That slow path is covered by a regression test: Scd4xSensor reports a bus fault, see Scd4xNotRespondingTests.)
        // A short answer makes the binding retry until the period ends too: the words are padded to 9 bytes.
        byte[] session = new byte[3 + Math.Max(9, input.Length)];
        session[0] = 0x80;
        session[1] = 0x06;
        session[2] = SensirionCrc(session.AsSpan(0, 2));
        input.CopyTo(session.AsSpan(3));
        _scdBus.Reset(session);
        return Read(_scd);
    }

    private string? ReadSht3x(ReadOnlySpan<byte> input)
    {
        _shtBus.Reset(input);
        return Read(_sht);
    }

    private string? ReadBme280(ReadOnlySpan<byte> input)
    {
        _bmeBus.Reset(input);
        Bme280Sensor sensor;
        try
        {
            // The constructor reads the chip id and the calibration block.
            sensor = new Bme280Sensor("bme280", _bmeBus);
        }
        catch (IOException ex)
        {
            return "construct: " + (ex.Message.Contains("NACK", StringComparison.Ordinal) ? "bus error" : ex.Message);
        }

        using (sensor)
        {
            return Read(sensor);
        }
    }

    private string? Read(ISensor sensor)
    {
        if (sensor.TryRead(DateTimeOffset.UnixEpoch, _readings, out int written, out SensorFault fault))
        {
            for (int i = 0; i < written; i++)
            {
                if (!double.IsFinite(_readings[i].Value))
                {
                    throw new InvalidOperationException($"{sensor.Name} accepted a non-finite {_readings[i].Quantity}");
                }
            }

            return null;
        }

        return fault == SensorFault.None ? throw new InvalidOperationException($"{sensor.Name} refused without a fault") : fault.ToString();
    }
}
