using System.Globalization;

namespace SmartCity.Edge.Vision.Sources;

/// <summary>Parses V4L2 device paths: the binding addresses a camera by the number N of <c>/dev/videoN</c>.</summary>
public static class V4l2DevicePath
{
    private const string Prefix = "/dev/video";

    /// <summary>
    /// Parses "/dev/videoN" (or just "N") into N. Null or empty means /dev/video0. Returns false for anything else.
    /// </summary>
    public static bool TryParse(string? device, out int busId)
    {
        busId = 0;
        if (string.IsNullOrWhiteSpace(device))
        {
            return true;
        }

        string number = device.StartsWith(Prefix, StringComparison.Ordinal) ? device[Prefix.Length..] : device;
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out busId);
    }

    /// <summary>The device path for a bus id.</summary>
    public static string Format(int busId) => Prefix + busId.ToString(CultureInfo.InvariantCulture);
}
