using System.Runtime.InteropServices;

namespace SmartCity.Edge.Detection.Inference;

/// <summary>
/// Whether an int8 model's weights can saturate ONNX Runtime's integer kernels on this CPU. On x86-64 without VNNI
/// (AVX2 or older), the u8 × s8 kernels add pairs of products in int16 (<c>vpmaddubsw</c>): with weights beyond
/// ±64 two products of a 0–255 activation can exceed 32767 and clip. Nothing fails; detections are just worse, and
/// only on such CPUs (demo model 1.3.0, full-range weights: mAP@0.5 0.838 there against 0.870 with VNNI). Models
/// quantised with 7-bit weights (<c>reduce_range</c>) are safe everywhere.
/// </summary>
public static class Int8Kernels
{
    /// <summary>Largest weight magnitude that cannot saturate an int16 pair sum: 2 × 255 × 64 = 32640.</summary>
    public const int SafeWeightMagnitude = 64;

    private const int OnnxInt8 = 3;

    /// <summary>
    /// Whether this CPU is known to lack VNNI: true on x86-64 Linux whose <c>/proc/cpuinfo</c> flags list none of
    /// <c>avx512_vnni</c>, <c>avx_vnni</c>, <c>amx_int8</c>; false where it has one, on ARM64 (its kernels widen
    /// before adding) and where it cannot be told.
    /// </summary>
    public static bool CpuLacksVnni()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || !File.Exists("/proc/cpuinfo"))
        {
            return false;
        }

        try
        {
            return LacksVnni(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the first <c>flags</c> line of a <c>/proc/cpuinfo</c> text names no VNNI extension (false without one).</summary>
    public static bool LacksVnni(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        foreach (string line in cpuinfo.Split('\n'))
        {
            if (!line.StartsWith("flags", StringComparison.Ordinal) || line.IndexOf(':', StringComparison.Ordinal) is not (int colon and > 0))
            {
                continue;
            }

            string[] flags = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return !flags.Any(f => f is "avx512_vnni" or "avx_vnni" or "amx_int8");
        }

        return false;
    }

    /// <summary>
    /// The largest magnitude among the model's int8 initialisers (its quantised weights and their zero points), and
    /// how many there are; false when the file is not a readable ONNX model or holds no int8 initialiser.
    /// </summary>
    public static bool TryMaxInt8Weight(string onnxPath, out int maxMagnitude, out int tensors)
    {
        ArgumentNullException.ThrowIfNull(onnxPath);
        maxMagnitude = 0;
        tensors = 0;
        byte[] model;
        try
        {
            model = File.ReadAllBytes(onnxPath);
        }
        catch (IOException)
        {
            return false;
        }

        try
        {
            var reader = new ProtoReader(model);
            while (reader.Next(out int field, out int wire))
            {
                if (field == 7 && wire == ProtoReader.LengthDelimited)
                {
                    ScanGraph(reader.Bytes(), ref maxMagnitude, ref tensors); // ModelProto.graph
                }
                else
                {
                    reader.Skip(wire);
                }
            }
        }
        catch (FormatException)
        {
            return false;
        }

        return tensors > 0;
    }

    private static void ScanGraph(ReadOnlySpan<byte> graph, ref int maxMagnitude, ref int tensors)
    {
        var reader = new ProtoReader(graph);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 5 && wire == ProtoReader.LengthDelimited)
            {
                ScanTensor(reader.Bytes(), ref maxMagnitude, ref tensors); // GraphProto.initializer
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private static void ScanTensor(ReadOnlySpan<byte> tensor, ref int maxMagnitude, ref int tensors)
    {
        var reader = new ProtoReader(tensor);
        int dataType = 0, max = 0;
        while (reader.Next(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (2, ProtoReader.VarintWire):
                    dataType = (int)reader.Varint();
                    break;
                case (9, ProtoReader.LengthDelimited):
                    // raw_data: for INT8, one two's-complement byte per value.
                    foreach (byte b in reader.Bytes())
                    {
                        max = Math.Max(max, Math.Abs((int)(sbyte)b));
                    }

                    break;
                case (5, ProtoReader.LengthDelimited):
                    // int32_data, packed.
                    var packed = new ProtoReader(reader.Bytes());
                    while (!packed.End)
                    {
                        max = Math.Max(max, Math.Abs((int)(sbyte)(int)packed.Varint()));
                    }

                    break;
                case (5, ProtoReader.VarintWire):
                    max = Math.Max(max, Math.Abs((int)(sbyte)(int)reader.Varint()));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (dataType == OnnxInt8)
        {
            tensors++;
            maxMagnitude = Math.Max(maxMagnitude, max);
        }
    }

    /// <summary>A forward-only reader of protobuf wire format: just what walking an ONNX file's initialisers needs.</summary>
    private ref struct ProtoReader(ReadOnlySpan<byte> data)
    {
        public const int VarintWire = 0;
        public const int LengthDelimited = 2;
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public readonly bool End => _pos >= _data.Length;

        public bool Next(out int field, out int wire)
        {
            field = wire = 0;
            if (End)
            {
                return false;
            }

            ulong key = Varint();
            field = (int)(key >> 3);
            wire = (int)(key & 7);
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (_pos >= _data.Length)
                {
                    throw new FormatException("truncated varint");
                }

                byte b = _data[_pos++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new FormatException("varint longer than 10 bytes");
        }

        public ReadOnlySpan<byte> Bytes()
        {
            ulong length = Varint();
            if (length > (ulong)(_data.Length - _pos))
            {
                throw new FormatException("length beyond the end of the message");
            }

            ReadOnlySpan<byte> bytes = _data.Slice(_pos, (int)length);
            _pos += (int)length;
            return bytes;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case VarintWire:
                    Varint();
                    break;
                case 1:
                    Advance(8);
                    break;
                case LengthDelimited:
                    Bytes();
                    break;
                case 5:
                    Advance(4);
                    break;
                default:
                    throw new FormatException($"unsupported wire type {wire}");
            }
        }

        private void Advance(int n)
        {
            if (n > _data.Length - _pos)
            {
                throw new FormatException("field beyond the end of the message");
            }

            _pos += n;
        }
    }
}
