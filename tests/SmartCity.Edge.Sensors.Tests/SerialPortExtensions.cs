using System.IO.Ports;

namespace SmartCity.Edge.Sensors.Tests;

internal static class SerialPortExtensions
{
    /// <summary>Reads exactly <paramref name="count"/> bytes (what the driver wrote on the wire) or throws on timeout.</summary>
    public static byte[] ReadExactly(this SerialPort port, int count)
    {
        var buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            read += port.Read(buffer, read, count - read);
        }

        return buffer;
    }

    public static void Send(this SerialPort port, byte[] bytes)
    {
        port.BaseStream.Write(bytes);
        port.BaseStream.Flush();
    }
}
