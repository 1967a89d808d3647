namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>
/// An analytics configuration that cannot be used. The message names the device, the camera and the element,
/// for example <c>device demo-edge-01, camera cam-a, line 'north-stop': point (700, 20) is outside the 640x480 frame</c>.
/// </summary>
public sealed class AnalyticsConfigurationException : Exception
{
    /// <summary>Creates the exception with the device, camera, element and problem.</summary>
    public AnalyticsConfigurationException(string deviceId, string camera, string element, string problem)
        : base($"device {deviceId}, camera {camera}, {element}: {problem}")
    {
        DeviceId = deviceId;
        Camera = camera;
        Element = element;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only (for serialisers and general use).</summary>
    public AnalyticsConfigurationException(string message)
        : base(message)
    {
        DeviceId = Camera = Element = "";
        Problem = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public AnalyticsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        DeviceId = Camera = Element = "";
        Problem = message;
    }

    /// <summary>Creates an empty exception.</summary>
    public AnalyticsConfigurationException()
        : this("The analytics configuration is not valid.")
    {
    }

    /// <summary>Device id.</summary>
    public string DeviceId { get; }

    /// <summary>Camera name.</summary>
    public string Camera { get; }

    /// <summary>The element refused, for example <c>line 'north-stop'</c>.</summary>
    public string Element { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
