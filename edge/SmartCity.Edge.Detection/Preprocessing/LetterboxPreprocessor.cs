using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// Turns a frame into the model's input tensor in one pass: letterbox resize (bilinear or nearest),
/// colour order, scaling, mean/std and NCHW or NHWC layout. Source index and weight tables are built once per
/// source size and format, and the padding is written only then, so a frame costs one read of the source
/// pixels it samples and one write of the content area, with no division per pixel and no allocation.
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

    /// <summary>Creates a preprocessor writing into <paramref name="tensor"/> (3 × width × height floats).</summary>
    public LetterboxPreprocessor(ModelInputSpec spec, float[] tensor)
    {
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
    public bool TryPrepare(Frame frame, out string? error)
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

        if (frame.Width != _sourceWidth || frame.Height != _sourceHeight || frame.Format != _sourceFormat)
        {
            Configure(frame.Width, frame.Height, frame.Format);
        }

        Fill(frame.Pixels, frame.Stride);
        error = null;
        return true;
    }

    /// <summary>
    /// Maps boxes from model pixels back to source pixels (undoing pad and scale), clips them to the
    /// source image and drops those left empty. Returns how many remain at the front of the span.
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
                detections[kept++] = d with { Box = box };
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
        _blendRow = new float[width * bpp];
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
        fixed (byte* source = pixels)
        fixed (float* tensor = _tensor, blend = _blendRow)
        fixed (int* xo0 = _xOffset0, xo1 = _xOffset1)
        fixed (float* xw = _xWeight)
        {
            for (int y = 0; y < ContentHeight; y++)
            {
                // Vertical first, over whole source rows with SIMD; then the horizontal samples from that row.
                BlendRows(
                    new ReadOnlySpan<byte>(source + ((long)_yRow0[y] * stride), rowLength),
                    new ReadOnlySpan<byte>(source + ((long)_yRow1[y] * stride), rowLength),
                    new Span<float>(blend, rowLength),
                    _yWeight[y]);
                long rowStart = ((long)(y + PadY) * modelWidth) + PadX;
                float* d0 = tensor + rowStart;
                float* d1 = d0 + plane;
                float* d2 = d1 + plane;
                for (int x = 0; x < contentWidth; x++)
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

    /// <summary>destination[i] = top[i] + (bottom[i] − top[i]) × fy, bytes widened to floats with SIMD.</summary>
    private static void BlendRows(ReadOnlySpan<byte> top, ReadOnlySpan<byte> bottom, Span<float> destination, float fy)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && destination.Length >= System.Numerics.Vector<byte>.Count)
        {
            int bytes = System.Numerics.Vector<byte>.Count;
            int floats = System.Numerics.Vector<float>.Count;
            var vfy = new System.Numerics.Vector<float>(fy);
            for (; i <= destination.Length - bytes; i += bytes)
            {
                System.Numerics.Vector.Widen(new System.Numerics.Vector<byte>(top[i..]), out var t16a, out var t16b);
                System.Numerics.Vector.Widen(new System.Numerics.Vector<byte>(bottom[i..]), out var b16a, out var b16b);
                Blend16(t16a, b16a, vfy, destination[i..]);
                Blend16(t16b, b16b, vfy, destination[(i + (2 * floats))..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            float t = top[i];
            destination[i] = t + ((bottom[i] - t) * fy);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Blend16(System.Numerics.Vector<ushort> top, System.Numerics.Vector<ushort> bottom, System.Numerics.Vector<float> fy, Span<float> destination)
    {
        int floats = System.Numerics.Vector<float>.Count;
        System.Numerics.Vector.Widen(top, out var t0, out var t1);
        System.Numerics.Vector.Widen(bottom, out var b0, out var b1);
        var ft0 = System.Numerics.Vector.ConvertToSingle(t0);
        var ft1 = System.Numerics.Vector.ConvertToSingle(t1);
        (ft0 + ((System.Numerics.Vector.ConvertToSingle(b0) - ft0) * fy)).CopyTo(destination);
        (ft1 + ((System.Numerics.Vector.ConvertToSingle(b1) - ft1) * fy)).CopyTo(destination[floats..]);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static float Lerp2(float p00, float p01, float p10, float p11, float fx, float fy)
    {
        float top = p00 + ((p01 - p00) * fx);
        float bottom = p10 + ((p11 - p10) * fx);
        return top + ((bottom - top) * fy);
    }
}
