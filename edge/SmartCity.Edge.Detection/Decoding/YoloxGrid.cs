namespace SmartCity.Edge.Detection;

/// <summary>
/// The YOLOX anchor-free grid: for each stride in order, every cell of a (height/s) × (width/s) grid, row-major.
/// Rows of a raw YOLOX output follow this order.
/// </summary>
internal sealed class YoloxGrid
{
    public YoloxGrid(ModelInputSpec input, IReadOnlyList<int> strides)
    {
        Width = input.Width;
        Height = input.Height;
        Strides = [.. strides];
        int count = 0;
        foreach (int s in Strides)
        {
            count += (Width / s) * (Height / s);
        }

        Count = count;
    }

    /// <summary>Input width.</summary>
    public int Width { get; }

    /// <summary>Input height.</summary>
    public int Height { get; }

    /// <summary>Strides in output order.</summary>
    public int[] Strides { get; }

    /// <summary>Number of cells over all strides: the row count of the output.</summary>
    public int Count { get; }

    /// <summary>Number of cells for an input size and strides, without building a grid.</summary>
    public static int CellCount(int width, int height, IReadOnlyList<int> strides)
    {
        int count = 0;
        foreach (int s in strides)
        {
            count += (width / s) * (height / s);
        }

        return count;
    }
}
