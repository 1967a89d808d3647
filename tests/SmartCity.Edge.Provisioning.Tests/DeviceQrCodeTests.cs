namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>The QR code printed for the asset register, read back by an independent decoder.</summary>
public sealed class DeviceQrCodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-qr-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("pole-0042")]
    [InlineData("junction-12-cam-a-with-a-much-longer-device-identifier-0000001")]
    public void Printed_qr_code_decodes_to_the_device_id(string deviceId)
    {
        string text = DeviceQrCode.Render(deviceId);

        Assert.Equal(deviceId, QrDecoder.Decode(text, _folder));
    }

    [Fact]
    public void Invalid_device_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DeviceQrCode.Render("Bad/Id"));
    }
}
