using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>The colour signature: what it samples, where, and how far two signatures are apart.</summary>
public class AppearanceTests
{
    private const int Width = 64;
    private const int Height = 48;

    /// <summary>A frame of grey 128 with the box's four quarters painted in four colours (B, G, R).</summary>
    private static Frame Quarters(BoxF box, PixelFormat format = PixelFormat.Bgr24)
    {
        var frame = Frame.Allocate(Width, Height, format);
        frame.Pixels.Fill(128);
        int channels = format.BytesPerPixel();
        float mx = box.CenterX, my = box.CenterY;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (x < box.X1 || x >= box.X2 || y < box.Y1 || y >= box.Y2)
                {
                    continue;
                }

                int quarter = (x < mx ? 0 : 1) + (y < my ? 0 : 2);
                Span<byte> p = frame.Pixels.Slice((y * frame.Stride) + (x * channels), channels);
                for (int c = 0; c < channels; c++)
                {
                    p[c] = (byte)((quarter * 60) + (c * 10));
                }
            }
        }

        return frame;
    }

    private static Appearance Sample(Frame frame, BoxF box, out bool ok)
    {
        Appearance look = default;
        ok = look.Sample(frame.Pixels, frame.Width, frame.Height, frame.Stride, frame.Format.BytesPerPixel(), box);
        return look;
    }

    [Fact]
    public void Each_quarter_gets_its_own_mean_colour_and_the_border_is_left_out()
    {
        var box = new BoxF(10, 8, 50, 40);
        using Frame frame = Quarters(box);
        Appearance look = Sample(frame, box, out bool ok);
        Assert.True(ok);
        for (int q = 0; q < 4; q++)
        {
            for (int c = 0; c < 3; c++)
            {
                // Exactly the quarter's colour: no grey from outside the box, no colour from the next quarter.
                Assert.Equal((q * 60) + (c * 10), look[(q * 3) + c], 3);
            }
        }
    }

    [Fact]
    public void A_box_larger_than_the_frame_is_clipped_and_one_too_small_has_no_signature()
    {
        var box = new BoxF(40, 30, 90, 70);
        using Frame frame = Quarters(box);
        _ = Sample(frame, box, out bool clipped);
        Assert.True(clipped);

        _ = Sample(frame, new BoxF(10, 10, 12, 12), out bool tiny);
        Assert.False(tiny);
        _ = Sample(frame, new BoxF(70, 10, 90, 30), out bool outside);
        Assert.False(outside);
        _ = Sample(frame, new BoxF(float.NaN, 10, 30, 30), out bool nan);
        Assert.False(nan);
    }

    [Fact]
    public void A_grey_frame_repeats_its_one_channel()
    {
        var box = new BoxF(10, 8, 50, 40);
        using Frame frame = Quarters(box, PixelFormat.Gray8);
        Appearance look = Sample(frame, box, out bool ok);
        Assert.True(ok);
        for (int q = 0; q < 4; q++)
        {
            Assert.Equal(q * 60, look[q * 3], 3);
            Assert.Equal(q * 60, look[(q * 3) + 1], 3);
            Assert.Equal(q * 60, look[(q * 3) + 2], 3);
        }
    }

    [Fact]
    public void Distance_runs_from_0_for_the_same_colours_to_1_for_black_against_white()
    {
        Appearance black = default, white = default, grey = default;
        for (int i = 0; i < Appearance.Length; i++)
        {
            white[i] = 255;
            grey[i] = 127.5f;
        }

        Assert.Equal(0, black.Distance(black));
        Assert.Equal(1, black.Distance(white), 5);
        Assert.Equal(0.5f, grey.Distance(white), 5);
        Assert.Equal(white.Distance(grey), grey.Distance(white));
    }

    [Fact]
    public void A_cell_mask_compares_only_the_cells_it_names()
    {
        Appearance look = default, other = default;
        for (int i = 0; i < Appearance.Length; i++)
        {
            // Cells 0 and 1 (the top half) differ by 255 in every channel; cells 2 and 3 are the same.
            other[i] = i < 6 ? 255 : 0;
        }

        Assert.Equal(0.5f, look.Distance(other), 5);
        Assert.Equal(look.Distance(other), look.Distance(other, Appearance.AllCells));
        Assert.Equal(0, look.Distance(other, 0b1100));
        Assert.Equal(1, look.Distance(other, 0b0011), 5);
        Assert.Equal(0.5f, look.Distance(other, 0b0101), 5);
        Assert.Equal(1, look.Distance(other, 0));
    }

    [Fact]
    public void Cells_are_the_quarters_that_sample_averages()
    {
        var box = new BoxF(10, 8, 50, 40);
        using Frame frame = Quarters(box);
        Appearance look = Sample(frame, box, out _);
        float area = 0;
        for (int cell = 0; cell < 4; cell++)
        {
            BoxF part = Appearance.Cell(box, cell);
            area += part.Area;

            // Inside the box's inner part, and painted in the colour the signature holds for that cell.
            Assert.True(part.X1 >= box.X1 + 6 - 1e-3f && part.X2 <= box.X2 - 6 + 1e-3f && part.Y1 >= box.Y1 + 4.8f - 1e-3f && part.Y2 <= box.Y2 - 4.8f + 1e-3f);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(look[(cell * 3) + c], frame.Pixels[((int)part.CenterY * frame.Stride) + ((int)part.CenterX * 3) + c], 3);
            }
        }

        // Together they tile the inner part (70 % of each side).
        Assert.Equal(box.Area * 0.7f * 0.7f, area, 2);
    }

    [Fact]
    public void Blend_moves_a_signature_part_of_the_way_towards_a_sample()
    {
        Appearance look = default, sample = default;
        for (int i = 0; i < Appearance.Length; i++)
        {
            sample[i] = 200;
        }

        look.Blend(sample, 1);
        Assert.Equal(0, look.Distance(sample));
        Appearance dark = default;
        look.Blend(dark, 0.25f);
        Assert.Equal(150, look[0], 3);
    }
}
