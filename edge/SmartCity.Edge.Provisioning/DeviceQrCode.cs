using QRCoder;
using SmartCity.Contracts;

namespace SmartCity.Edge.Provisioning;

/// <summary>A QR code of the device id as text (half-block characters, two modules per line) for the asset register.</summary>
public static class DeviceQrCode
{
    /// <summary>The QR code of <paramref name="deviceId"/>, error correction M, with its quiet zone, lines ending in '\n'.</summary>
    public static string Render(string deviceId)
    {
        DeviceIds.EnsureValid(deviceId, nameof(deviceId));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(deviceId, QRCodeGenerator.ECCLevel.M);
        using var ascii = new AsciiQRCode(data);
        return ascii.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
    }
}
