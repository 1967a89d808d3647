namespace SmartCity.Edge.Uplink.Tests;

/// <summary>A publish the embedded broker accepted.</summary>
internal sealed record ReceivedMessage(string ClientId, string Topic, byte[] Payload, bool Retain);
