namespace SmartCity.Edge.Sensors.Drivers.Sds011;

/// <summary>SDS011 command ids (third byte of an <c>AA B4</c> command and of an <c>AA C5</c> reply).</summary>
public enum Sds011Command : byte
{
    /// <summary>Set or get the reporting mode (active / query).</summary>
    ReportingMode = 2,

    /// <summary>Ask for one measurement (query mode).</summary>
    QueryData = 4,

    /// <summary>Set the device id.</summary>
    SetDeviceId = 5,

    /// <summary>Sleep or work.</summary>
    SleepWork = 6,

    /// <summary>Read the firmware version.</summary>
    FirmwareVersion = 7,

    /// <summary>Set or get the working period (0 = continuous, 1–30 minutes).</summary>
    WorkingPeriod = 8,
}
