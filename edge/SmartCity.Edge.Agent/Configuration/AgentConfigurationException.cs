namespace SmartCity.Edge.Agent.Configuration;

/// <summary>The device configuration is unreadable or invalid; the message names the file and the key.</summary>
public sealed class AgentConfigurationException : Exception
{
    public AgentConfigurationException()
    {
    }

    public AgentConfigurationException(string message)
        : base(message)
    {
    }

    public AgentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
