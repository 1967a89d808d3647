namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>Chart colours: fixed per road-user class (the same class is the same colour on every chart), a palette otherwise.</summary>
public static class SeriesColors
{
    private static readonly string[] Palette = ["#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626", "#4b5563", "#9333ea"];

    /// <summary>The colour of a road-user class.</summary>
    public static string ForClass(string cls) => cls switch
    {
        "car" => "#2563eb",
        "bus" => "#d97706",
        "truck" => "#7c3aed",
        "motorcycle" => "#db2777",
        "bicycle" => "#059669",
        "pedestrian" => "#0891b2",
        _ => "#6b7280",
    };

    /// <summary>The <paramref name="index"/>-th palette colour.</summary>
    public static string At(int index) => Palette[index % Palette.Length];
}
