using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Turns a frame into the model's input tensor in one pass: letterbox resize (bilinear or nearest),
/// colour order, scaling, mean/std and NCHW or NHWC layout. Source index and weight tables are built once per
/// source size and format, and the padding is written only then, so a frame costs one read of the source
/// pixels it samples and one write of the content area, with no division per pixel and no allocation.
/// Bilinear NCHW (every shipped model) runs separably with SIMD: a vertical blend of whole source rows at the
/// widest vector width the CPU accelerates (AVX-512, AVX2, or 128-bit as on ARM64 NEON), then a horizontal pass
/// that gathers eight output pixels per channel at once with AVX2 and falls back to scalar code elsewhere.
/// A frame already at the model's size (a camera set to the model's resolution: scale 1) skips the resampling:
/// 16 pixels at a time are split into their channels with byte shuffles (SSSE3 / NEON TBL) and converted.
/// </summary>
internal sealed unsafe class LetterboxPreprocessor
{
    private readonly ModelInputSpec _spec;
    private readonly float[] _tensor;
    private readonly int[] _xOffset0;
    private readonly int[] _xOffset1;
    private readonly float[] _xWeight;
    private readonly int[] _yRow0;
    private readonly int[] _yRow1;
    private readonly float[] _yWeight;
    private readonly float[] _multiply = new float[3];
    private readonly float[] _add = new float[3];
    private readonly int[] _sourceChannel = new int[3];

    // Bilinear NCHW runs separably: the two source rows of an output row are blended vertically into this
    // (one float per source byte, SIMD), then the output pixels are sampled horizontally from it.
    private float[] _blendRow = [];
    private int _sourceWidth;
    private int _sourceHeight;
    private PixelFormat _sourceFormat;
    private int _offsetX;
    private int _offsetY;
    private bool _identity;
    private readonly PreprocessKernel _kernel;

    /// <summary>Creates a preprocessor writing into <paramref name="tensor"/> (3 × width × height floats).</summary>
    public LetterboxPreprocessor(ModelInputSpec spec, float[] tensor)
        : this(spec, tensor, PreprocessKernel.Best)
    {
    }

    /// <summary>Creates a preprocessor limited to <paramref name="kernel"/>'s instructions (tests compare them all).</summary>
    internal LetterboxPreprocessor(ModelInputSpec spec, float[] tensor, PreprocessKernel kernel)
    {
        _kernel = kernel;
        _spec = spec;
        if (tensor.Length != 3 * spec.Width * spec.Height)
        {
            throw new ArgumentException($"Tensor of {tensor.Length} floats does not fit {spec.Width}x{spec.Height}x3.", nameof(tensor));
        }

        _tensor = tensor;
        _xOffset0 = new int[spec.Width];
        _xOffset1 = new int[spec.Width];
        _xWeight = new float[spec.Width];
        _yRow0 = new int[spec.Height];
        _yRow1 = new int[spec.Height];
        _yWeight = new float[spec.Height];
        float unit = spec.Scale == PixelScale.UnitRange ? 1f / 255f : 1f;
        for (int c = 0; c < 3; c++)
        {
            // value = (pixel × unit − mean) / std, folded into one multiply-add per sample.
            _multiply[c] = unit / spec.Std[c];
            _add[c] = -spec.Mean[c] / spec.Std[c];
        }
    }

    /// <summary>Resize factor from source to model pixels (the same on both axes).</summary>
    public float Scale { get; private set; } = 1;

    /// <summary>Left padding in model pixels.</summary>
    public int PadX { get; private set; }

    /// <summary>Top padding in model pixels.</summary>
    public int PadY { get; private set; }

    /// <summary>Width of the resized image on the canvas.</summary>
    public int ContentWidth { get; private set; }

    /// <summary>Height of the resized image on the canvas.</summary>
    public int ContentHeight { get; private set; }

    /// <summary>The input tensor being written.</summary>
    public ReadOnlySpan<float> Tensor => _tensor;

    /// <summary>Writes <paramref name="frame"/> into the tensor; false with a reason for a frame it cannot use.</summary>
    public bool TryPrepare(Frame frame, out string? error) => TryPrepare(frame, null, out error);

    /// <summary>
    /// Writes <paramref name="region"/> of <paramref name="frame"/> (the whole frame when null) into the tensor, enlarged
    /// or reduced to the model's input like a frame of that size; <see cref="MapToSource"/> then maps boxes back to
    /// frame pixels. The region is read in place, through the frame's stride: nothing is copied first. False with a
    /// reason for a frame it cannot use or a region that does not fit it.
    /// </summary>
    public bool TryPrepare(Frame frame, DetailRegion? region, out string? error)
    {
        if (frame.Format is not (PixelFormat.Bgr24 or PixelFormat.Rgb24 or PixelFormat.Gray8))
        {
            error = $"unsupported pixel format {frame.Format}";
            return false;
        }

        int bpp = frame.Format.BytesPerPixel();
        if (frame.Width <= 0 || frame.Height <= 0 || frame.Stride < frame.Width * bpp ||
            frame.Pixels.Length < frame.Stride * frame.Height)
        {
            error = "empty or truncated frame";
            return false;
        }

        int x = 0, y = 0, width = frame.Width, height = frame.Height;
        if (region is { } r)
        {
            if (r.FrameProblem(frame.Width, frame.Height) is { } problem)
            {
                error = $"detail region {r}: {problem}";
                return false;
            }

            (x, y, width, height) = (r.X, r.Y, r.Width, r.Height);
        }

        if (width != _sourceWidth || height != _sourceHeight || frame.Format != _sourceFormat)
        {
            Configure(width, height, frame.Format);
        }

        _offsetX = x;
        _offsetY = y;
        Fill(frame.Pixels[((y * frame.Stride) + (x * bpp))..], frame.Stride);
        error = null;
        return true;
    }

    /// <summary>
    /// Maps boxes from model pixels back to source pixels (undoing pad and scale, then adding the region's offset),
    /// clips them to the frame or region last prepared and drops those left empty. Returns how many remain at the
    /// front of the span.
    /// </summary>
    public int MapToSource(Span<DetectedObject> detections)
    {
        float inverse = 1f / Scale;
        int kept = 0;
        for (int i = 0; i < detections.Length; i++)
        {
            ref readonly var d = ref detections[i];
            var box = new BoxF(
                (d.Box.X1 - PadX) * inverse,
                (d.Box.Y1 - PadY) * inverse,
                (d.Box.X2 - PadX) * inverse,
                (d.Box.Y2 - PadY) * inverse).Clip(_sourceWidth, _sourceHeight);
            if (box.Width > 0 && box.Height > 0)
            {
                detections[kept++] = d with { Box = new BoxF(box.X1 + _offsetX, box.Y1 + _offsetY, box.X2 + _offsetX, box.Y2 + _offsetY) };
            }
        }

        return kept;
    }

    private void Configure(int width, int height, PixelFormat format)
    {
        int modelWidth = _spec.Width;
        int modelHeight = _spec.Height;
        float scale = MathF.Min(modelWidth / (float)width, modelHeight / (float)height);
        int contentWidth = Math.Clamp((int)MathF.Round(width * scale), 1, modelWidth);
        int contentHeight = Math.Clamp((int)MathF.Round(height * scale), 1, modelHeight);
        int bpp = format.BytesPerPixel();
        BuildAxis(width, contentWidth, bpp, _xOffset0, _xOffset1, _xWeight);
        BuildAxis(height, contentHeight, 1, _yRow0, _yRow1, _yWeight);

        (int r, int g, int b) = format switch
        {
            PixelFormat.Bgr24 => (2, 1, 0),
            PixelFormat.Rgb24 => (0, 1, 2),
            _ => (0, 0, 0),
        };
        if (_spec.ColorOrder == ColorOrder.Rgb)
        {
            (_sourceChannel[0], _sourceChannel[1], _sourceChannel[2]) = (r, g, b);
        }
        else
        {
            (_sourceChannel[0], _sourceChannel[1], _sourceChannel[2]) = (b, g, r);
        }

        Scale = scale;
        ContentWidth = contentWidth;
        ContentHeight = contentHeight;
        (PadX, PadY) = _spec.Letterbox == LetterboxPlacement.Centre
            ? ((modelWidth - contentWidth) / 2, (modelHeight - contentHeight) / 2)
            : (0, 0);

        // The padding never changes while the source geometry stays: write it once, then only the content.
        int plane = modelWidth * modelHeight;
        var tensor = _tensor.AsSpan();
        for (int c = 0; c < 3; c++)
        {
            float pad = (_spec.PadValue * _multiply[c]) + _add[c];
            if (_spec.Layout == TensorLayout.Nchw)
            {
                tensor.Slice(c * plane, plane).Fill(pad);
            }
            else
            {
                for (int i = c; i < tensor.Length; i += 3)
                {
                    tensor[i] = pad;
                }
            }
        }

        _sourceWidth = width;
        _sourceHeight = height;
        _sourceFormat = format;

        // At scale 1 both resize methods sample pixel (x, y) itself: a plain channel split does the same.
        _identity = contentWidth == width && contentHeight == height && bpp == 3 && _spec.Layout == TensorLayout.Nchw;
        if (_blendRow.Length < width * bpp)
        {
            _blendRow = new float[width * bpp];
        }
    }

    /// <summary>
    /// Source samples for each destination position along one axis: half-pixel centres as in OpenCV's
    /// INTER_LINEAR for bilinear; floor(x × ratio) as in INTER_NEAREST for nearest (weight 0).
    /// </summary>
    private void BuildAxis(int sourceLength, int contentLength, int step, int[] index0, int[] index1, float[] weight)
    {
        float ratio = sourceLength / (float)contentLength;
        bool bilinear = _spec.Resize == ResizeMethod.Bilinear;
        for (int i = 0; i < contentLength; i++)
        {
            int i0;
            int i1;
            float w;
            if (bilinear)
            {
                float s = MathF.Max(0, ((i + 0.5f) * ratio) - 0.5f);
                i0 = Math.Min((int)s, sourceLength - 1);
                i1 = Math.Min(i0 + 1, sourceLength - 1);
                w = i1 == i0 ? 0 : s - i0;
            }
            else
            {
                i0 = Math.Min((int)(i * ratio), sourceLength - 1);
                i1 = i0;
                w = 0;
            }

            index0[i] = i0 * step;
            index1[i] = i1 * step;
            weight[i] = w;
        }
    }

    private void Fill(ReadOnlySpan<byte> pixels, int stride)
    {
        if (_identity && _kernel != PreprocessKernel.Scalar && Vector128.IsHardwareAccelerated)
        {
            FillUnscaledPlanar(pixels, stride);
            return;
        }

        if (_spec.Layout == TensorLayout.Nchw && _spec.Resize == ResizeMethod.Bilinear)
        {
            FillBilinearPlanar(pixels, stride);
            return;
        }

        int modelWidth = _spec.Width;
        bool planar = _spec.Layout == TensorLayout.Nchw;
        int channelStride = planar ? modelWidth * _spec.Height : 1;
        int pixelStride = planar ? 1 : 3;
        int c0 = _sourceChannel[0];
        int c1 = _sourceChannel[1];
        int c2 = _sourceChannel[2];
        float m0 = _multiply[0], m1 = _multiply[1], m2 = _multiply[2];
        float a0 = _add[0], a1 = _add[1], a2 = _add[2];
        int contentWidth = ContentWidth;
        bool bilinear = _spec.Resize == ResizeMethod.Bilinear;

        fixed (byte* source = pixels)
        fixed (float* tensor = _tensor)
        fixed (int* xo0 = _xOffset0, xo1 = _xOffset1, yr0 = _yRow0, yr1 = _yRow1)
        fixed (float* xw = _xWeight, yw = _yWeight)
        {
            for (int y = 0; y < ContentHeight; y++)
            {
                byte* row0 = source + ((long)yr0[y] * stride);
                float* d = tensor + ((((long)(y + PadY) * modelWidth) + PadX) * pixelStride);
                if (!bilinear)
                {
                    for (int x = 0; x < contentWidth; x++, d += pixelStride)
                    {
                        byte* p = row0 + xo0[x];
                        d[0] = (p[c0] * m0) + a0;
                        d[channelStride] = (p[c1] * m1) + a1;
                        d[2 * channelStride] = (p[c2] * m2) + a2;
                    }

                    continue;
                }

                byte* row1 = source + ((long)yr1[y] * stride);
                float fy = yw[y];
                for (int x = 0; x < contentWidth; x++, d += pixelStride)
                {
                    byte* p00 = row0 + xo0[x];
                    byte* p01 = row0 + xo1[x];
                    byte* p10 = row1 + xo0[x];
                    byte* p11 = row1 + xo1[x];
                    float fx = xw[x];
                    d[0] = (Lerp2(p00[c0], p01[c0], p10[c0], p11[c0], fx, fy) * m0) + a0;
                    d[channelStride] = (Lerp2(p00[c1], p01[c1], p10[c1], p11[c1], fx, fy) * m1) + a1;
                    d[2 * channelStride] = (Lerp2(p00[c2], p01[c2], p10[c2], p11[c2], fx, fy) * m2) + a2;
                }
            }
        }
    }

    private void FillBilinearPlanar(ReadOnlySpan<byte> pixels, int stride)
    {
        int modelWidth = _spec.Width;
        int plane = modelWidth * _spec.Height;
        int contentWidth = ContentWidth;
        int rowLength = _sourceWidth * _sourceFormat.BytesPerPixel();
        int c0 = _sourceChannel[0], c1 = _sourceChannel[1], c2 = _sourceChannel[2];
        float m0 = _multiply[0], m1 = _multiply[1], m2 = _multiply[2];
        float a0 = _add[0], a1 = _add[1], a2 = _add[2];
        bool gather = _kernel == PreprocessKernel.Best && Avx2.IsSupported;
        fixed (byte* source = pixels)
        fixed (float* tensor = _tensor, blend = _blendRow)
        fixed (int* xo0 = _xOffset0, xo1 = _xOffset1)
        fixed (float* xw = _xWeight)
        {
            for (int y = 0; y < ContentHeight; y++)
            {
                // Vertical first, over whole source rows with SIMD; then the horizontal samples from that row.
                BlendRows(source + ((long)_yRow0[y] * stride), source + ((long)_yRow1[y] * stride), blend, rowLength, _yWeight[y], _kernel);
                long rowStart = ((long)(y + PadY) * modelWidth) + PadX;
                float* d0 = tensor + rowStart;
                float* d1 = d0 + plane;
                float* d2 = d1 + plane;
                int x = 0;
                if (gather)
                {
                    // Eight output pixels per channel: gather their left and right samples (the same offsets
                    // for all three channels, shifted by the channel), blend, scale, store contiguously.
                    for (; x <= contentWidth - Vector256<float>.Count; x += Vector256<float>.Count)
                    {
                        var left = Avx.LoadVector256(xo0 + x);
                        var right = Avx.LoadVector256(xo1 + x);
                        var fx = Avx.LoadVector256(xw + x);
                        Avx.Store(d0 + x, GatherLerp(blend + c0, left, right, fx, m0, a0));
                        Avx.Store(d1 + x, GatherLerp(blend + c1, left, right, fx, m1, a1));
                        Avx.Store(d2 + x, GatherLerp(blend + c2, left, right, fx, m2, a2));
                    }
                }

                for (; x < contentWidth; x++)
                {
                    float* p0 = blend + xo0[x];
                    float* p1 = blend + xo1[x];
                    float fx = xw[x];
                    float a = p0[c0];
                    float b = p0[c1];
                    float e = p0[c2];
                    d0[x] = ((a + ((p1[c0] - a) * fx)) * m0) + a0;
                    d1[x] = ((b + ((p1[c1] - b) * fx)) * m1) + a1;
                    d2[x] = ((e + ((p1[c2] - e) * fx)) * m2) + a2;
                }
            }
        }
    }

    // Shuffle indices that pull channel c (0–2) of 16 interleaved 3-byte pixels out of the three 16-byte vectors
    // holding them: entry [3c + v] picks from vector v; indices past 15 give 0 (Vector128.Shuffle), so OR-ing the
    // three results gives the channel's 16 bytes in pixel order.
    private static readonly Vector128<byte>[] ChannelShuffles = BuildChannelShuffles();

    private static Vector128<byte>[] BuildChannelShuffles()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> lanes = stackalloc byte[16];
        for (int c = 0; c < 3; c++)
        {
            for (int v = 0; v < 3; v++)
            {
                for (int i = 0; i < 16; i++)
                {
                    int position = (3 * i) + c - (16 * v);
                    lanes[i] = position is >= 0 and < 16 ? (byte)position : (byte)0x80;
                }

                masks[(3 * c) + v] = Vector128.Create((ReadOnlySpan<byte>)lanes);
            }
        }

        return masks;
    }

    private void FillUnscaledPlanar(ReadOnlySpan<byte> pixels, int stride)
    {
        int modelWidth = _spec.Width;
        int plane = modelWidth * _spec.Height;
        int width = ContentWidth;
        var shuffles = ChannelShuffles;
        fixed (byte* source = pixels)
        fixed (float* tensor = _tensor)
        {
            for (int y = 0; y < ContentHeight; y++)
            {
                byte* row = source + ((long)y * stride);
                float* d = tensor + ((long)(y + PadY) * modelWidth) + PadX;
                for (int k = 0; k < 3; k++)
                {
                    int c = _sourceChannel[k];
                    var m0 = shuffles[3 * c];
                    var m1 = shuffles[(3 * c) + 1];
                    var m2 = shuffles[(3 * c) + 2];
                    var multiply = Vector128.Create(_multiply[k]);
                    var add = Vector128.Create(_add[k]);
                    float* dk = d + ((long)k * plane);
                    int x = 0;
                    for (; x <= width - 16; x += 16)
                    {
                        byte* p = row + (3 * x);
                        var bytes = Vector128.Shuffle(Vector128.Load(p), m0)
                            | Vector128.Shuffle(Vector128.Load(p + 16), m1)
                            | Vector128.Shuffle(Vector128.Load(p + 32), m2);
                        var (lo, hi) = Vector128.Widen(bytes);
                        StoreScaled(lo, multiply, add, dk + x);
                        StoreScaled(hi, multiply, add, dk + x + 8);
                    }

                    float mk = _multiply[k], ak = _add[k];
                    for (; x < width; x++)
                    {
                        dk[x] = (row[(3 * x) + c] * mk) + ak;
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaled(Vector128<ushort> values, Vector128<float> multiply, Vector128<float> add, float* destination)
    {
        var (a, b) = Vector128.Widen(values);
        Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(a.AsInt32()), multiply, add).Store(destination);
        Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(b.AsInt32()), multiply, add).Store(destination + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> GatherLerp(float* row, Vector256<int> left, Vector256<int> right, Vector256<float> fx, float multiply, float add)
    {
        var p = Avx2.GatherVector256(row, left, sizeof(float));
        var q = Avx2.GatherVector256(row, right, sizeof(float));
        return Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(q - p, fx, p), Vector256.Create(multiply), Vector256.Create(add));
    }

    /// <summary>destination[i] = top[i] + (bottom[i] − top[i]) × fy, bytes widened to floats at the widest vector width allowed.</summary>
    private static void BlendRows(byte* top, byte* bottom, float* destination, int length, float fy, PreprocessKernel kernel)
    {
        int i = 0;
        if (kernel == PreprocessKernel.Best && Vector512.IsHardwareAccelerated)
        {
            var vfy = Vector512.Create(fy);
            for (; i <= length - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                var (t0, t1) = Vector512.Widen(Vector512.Load(top + i));
                var (b0, b1) = Vector512.Widen(Vector512.Load(bottom + i));
                Blend(t0, b0, vfy, destination + i);
                Blend(t1, b1, vfy, destination + i + Vector512<ushort>.Count);
            }
        }
        else if (kernel == PreprocessKernel.Best && Vector256.IsHardwareAccelerated)
        {
            var vfy = Vector256.Create(fy);
            for (; i <= length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (t0, t1) = Vector256.Widen(Vector256.Load(top + i));
                var (b0, b1) = Vector256.Widen(Vector256.Load(bottom + i));
                Blend(t0, b0, vfy, destination + i);
                Blend(t1, b1, vfy, destination + i + Vector256<ushort>.Count);
            }
        }

        // The portable path (ARM64 NEON, SSE) and the tail of the wider ones.
        if (kernel != PreprocessKernel.Scalar && Vector128.IsHardwareAccelerated)
        {
            var vfy = Vector128.Create(fy);
            for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var (t0, t1) = Vector128.Widen(Vector128.Load(top + i));
                var (b0, b1) = Vector128.Widen(Vector128.Load(bottom + i));
                Blend(t0, b0, vfy, destination + i);
                Blend(t1, b1, vfy, destination + i + Vector128<ushort>.Count);
            }
        }

        for (; i < length; i++)
        {
            float t = top[i];
            destination[i] = t + ((bottom[i] - t) * fy);
        }
    }

    // 16-bit lanes (widened bytes) → two vectors of floats each, blended with one fused multiply-add.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend(Vector512<ushort> top, Vector512<ushort> bottom, Vector512<float> fy, float* destination)
    {
        var (t0, t1) = Vector512.Widen(top);
        var (b0, b1) = Vector512.Widen(bottom);
        var ft0 = Vector512.ConvertToSingle(t0.AsInt32());
        var ft1 = Vector512.ConvertToSingle(t1.AsInt32());
        Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(b0.AsInt32()) - ft0, fy, ft0).Store(destination);
        Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(b1.AsInt32()) - ft1, fy, ft1).Store(destination + Vector512<float>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend(Vector256<ushort> top, Vector256<ushort> bottom, Vector256<float> fy, float* destination)
    {
        var (t0, t1) = Vector256.Widen(top);
        var (b0, b1) = Vector256.Widen(bottom);
        var ft0 = Vector256.ConvertToSingle(t0.AsInt32());
        var ft1 = Vector256.ConvertToSingle(t1.AsInt32());
        Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(b0.AsInt32()) - ft0, fy, ft0).Store(destination);
        Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(b1.AsInt32()) - ft1, fy, ft1).Store(destination + Vector256<float>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blend(Vector128<ushort> top, Vector128<ushort> bottom, Vector128<float> fy, float* destination)
    {
        var (t0, t1) = Vector128.Widen(top);
        var (b0, b1) = Vector128.Widen(bottom);
        var ft0 = Vector128.ConvertToSingle(t0.AsInt32());
        var ft1 = Vector128.ConvertToSingle(t1.AsInt32());
        Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(b0.AsInt32()) - ft0, fy, ft0).Store(destination);
        Vector128.FusedMultiplyAdd(Vector128.ConvertToSingle(b1.AsInt32()) - ft1, fy, ft1).Store(destination + Vector128<float>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Lerp2(float p00, float p01, float p10, float p11, float fx, float fy)
    {
        float top = p00 + ((p01 - p00) * fx);
        float bottom = p10 + ((p11 - p10) * fx);
        return top + ((bottom - top) * fy);
    }
}
