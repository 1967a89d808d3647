namespace SmartCity.Cloud.Dashboard.Tests.Alerts;

/// <summary>A clock the test sets (timers still run on the system clock).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
