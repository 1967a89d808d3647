using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Detection.Inference;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>
/// The doctor's warning for an int8 model whose full-range weights saturate ONNX Runtime's integer kernels on an x86
/// CPU without VNNI (demo model 1.3.0 lost 3.2 mAP points that way), and the pieces it rests on: reading the int8
/// initialisers out of an ONNX file and the CPU's flags.
/// </summary>
public sealed class Int8SaturationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-int8-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("processor\t: 0\nflags\t\t: fpu sse sse2 avx avx2 fma\nbugs\t\t: spectre_v1\n", true)]
    [InlineData("flags\t\t: fpu avx2 avx512f avx512_vnni\n", false)]
    [InlineData("flags\t\t: fpu avx2 avx_vnni\n", false)]
    [InlineData("flags\t\t: fpu avx2 amx_int8\n", false)]
    [InlineData("processor\t: 0\nFeatures\t: fp asimd asimddp\n", false)]     // ARM64: no x86 flags line
    public void The_cpu_flags_tell_whether_VNNI_is_missing(string cpuinfo, bool lacks) =>
        Assert.Equal(lacks, Int8Kernels.LacksVnni(cpuinfo));

    [Fact]
    public void The_shipped_demo_model_has_7_bit_weights_and_gets_no_warning()
    {
        string onnx = ModelManifest.Load(TestData.DemoModel).OnnxPath;
        Assert.True(Int8Kernels.TryMaxInt8Weight(onnx, out int max, out int tensors));
        Assert.True(tensors >= 20, $"{tensors} int8 tensors");
        Assert.InRange(max, 60, Int8Kernels.SafeWeightMagnitude);
        Assert.Null(DoctorCommand.Int8Saturation(onnx, cpuLacksVnni: true));
    }

    [Theory]
    [InlineData(true, 127)]
    [InlineData(false, 100)]
    public void Full_range_int8_weights_are_found_and_warned_about_only_without_VNNI(bool raw, int expectedMax)
    {
        // An int8 weight tensor (raw bytes, or int32_data as some exporters write it), its int8 zero point, and a
        // float tensor whose bytes would read as large int8 values if the type were ignored.
        byte[] weights = raw
            ? Tensor(name: "w_q", dataType: 3, rawData: [0x81, 0x05, 0x3F])                 // −127, 5, 63
            : Tensor(name: "w_q", dataType: 3, int32Data: [-100, 7, 0]);
        byte[] model = Model(weights, Tensor("w_zp", 3, rawData: [0, 0, 0]), Tensor("b", 1, rawData: [0x80, 0x80, 0x80, 0xC3]));
        string path = Path.Combine(_dir, "model.onnx");
        File.WriteAllBytes(path, model);

        Assert.True(Int8Kernels.TryMaxInt8Weight(path, out int max, out int tensors));
        Assert.Equal((expectedMax, 2), (max, tensors));
        string? warning = DoctorCommand.Int8Saturation(path, cpuLacksVnni: true);
        Assert.NotNull(warning);
        Assert.Contains($"±{expectedMax}", warning, StringComparison.Ordinal);
        Assert.Contains("no VNNI", warning, StringComparison.Ordinal);
        Assert.Null(DoctorCommand.Int8Saturation(path, cpuLacksVnni: false));
    }

    [Fact]
    public void A_truncated_or_float_only_file_is_not_read_as_int8()
    {
        string path = Path.Combine(_dir, "broken.onnx");
        byte[] model = Model(Tensor("w_q", 3, rawData: [0x81, 0x05]));
        File.WriteAllBytes(path, model[..^3]);
        Assert.False(Int8Kernels.TryMaxInt8Weight(path, out _, out _));

        File.WriteAllBytes(path, Model(Tensor("w", 1, rawData: [0, 0, 0x80, 0x3F])));
        Assert.False(Int8Kernels.TryMaxInt8Weight(path, out _, out _));
        Assert.Null(DoctorCommand.Int8Saturation(path, cpuLacksVnni: true));
        Assert.False(Int8Kernels.TryMaxInt8Weight(Path.Combine(_dir, "missing.onnx"), out _, out _));
    }

    // Protobuf wire format, just enough for ModelProto { graph (7) { initializer (5) { data_type (2), int32_data (5), name (8), raw_data (9) } } }.
    private static byte[] Model(params byte[][] tensors)
    {
        var graph = new List<byte>();
        foreach (byte[] t in tensors)
        {
            graph.AddRange(Field(5, t));
        }

        return [.. Key(1, 0), .. Varint(7), .. Field(7, [.. graph])];               // ir_version 7, then the graph
    }

    private static byte[] Tensor(string name, int dataType, byte[]? rawData = null, int[]? int32Data = null)
    {
        var t = new List<byte>();
        t.AddRange(Key(1, 0));
        t.AddRange(Varint(3));                                                         // dims: [3]
        t.AddRange(Key(2, 0));
        t.AddRange(Varint((ulong)dataType));
        t.AddRange(Field(8, System.Text.Encoding.UTF8.GetBytes(name)));
        if (rawData is not null)
        {
            t.AddRange(Field(9, rawData));
        }

        if (int32Data is not null)
        {
            t.AddRange(Field(5, [.. int32Data.SelectMany(v => Varint((ulong)(long)v))]));
        }

        return [.. t];
    }

    private static byte[] Field(int field, byte[] payload) => [.. Key(field, 2), .. Varint((ulong)payload.Length), .. payload];

    private static byte[] Key(int field, int wire) => Varint((ulong)((field << 3) | wire));

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
