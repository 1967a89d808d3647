using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SmartCity.Edge.Simulation.World;

namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>
/// Additive Gaussian sensor noise, cheap enough for every frame: a precomputed table of seeded noise split
/// into its positive and negative parts, read from a per-frame random offset per row and applied with
/// saturating SIMD adds. Deterministic for a seed.
/// </summary>
internal sealed class SensorNoise
{
    private const int TableLength = 1 << 18;
    private readonly byte[] _positive;
    private readonly byte[] _negative;
    private readonly DeterministicRandom _rng;

    public SensorNoise(double sigma, ulong seed)
    {
        Sigma = sigma;
        _rng = new DeterministicRandom(seed);
        _positive = new byte[TableLength];
        _negative = new byte[TableLength];
        for (int i = 0; i < TableLength; i++)
        {
            int v = (int)Math.Round(_rng.NextGaussian() * sigma);
            v = Math.Clamp(v, -127, 127);
            _positive[i] = (byte)Math.Max(v, 0);
            _negative[i] = (byte)Math.Max(-v, 0);
        }
    }

    public double Sigma { get; }

    public void Apply(Span<byte> pixels, int stride, int rows)
    {
        if (Sigma <= 0)
        {
            return;
        }

        int span = TableLength - stride - 1;
        int baseOffset = (int)(_rng.NextUInt64() % (ulong)span);
        for (int y = 0; y < rows; y++)
        {
            // A large odd step walks the table so neighbouring rows do not repeat the same pattern.
            int offset = (int)((baseOffset + ((long)y * 40503)) % span);
            AddRow(pixels.Slice(y * stride, stride), _positive.AsSpan(offset, stride), _negative.AsSpan(offset, stride));
        }
    }

    private static void AddRow(Span<byte> row, ReadOnlySpan<byte> plus, ReadOnlySpan<byte> minus)
    {
        int i = 0;
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(plus);
        ref byte m = ref MemoryMarshal.GetReference(minus);
        for (; i <= row.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
        {
            Vector128<byte> v = Vector128.LoadUnsafe(ref r, (nuint)i);
            v = Vector128.SubtractSaturate(Vector128.AddSaturate(v, Vector128.LoadUnsafe(ref p, (nuint)i)), Vector128.LoadUnsafe(ref m, (nuint)i));
            v.StoreUnsafe(ref r, (nuint)i);
        }

        for (; i < row.Length; i++)
        {
            Unsafe.Add(ref r, i) = (byte)Math.Clamp(Unsafe.Add(ref r, i) + Unsafe.Add(ref p, i) - Unsafe.Add(ref m, i), 0, 255);
        }
    }
}
