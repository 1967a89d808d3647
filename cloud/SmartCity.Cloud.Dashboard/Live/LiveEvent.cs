namespace SmartCity.Cloud.Dashboard.Live;

/// <summary>One server-sent event, already formatted.</summary>
/// <param name="Name">Event name (the browser's <c>SmartCity.live.on(name, …)</c>).</param>
/// <param name="Json">The data line, JSON on one line.</param>
internal readonly record struct LiveEvent(string Name, string Json);
