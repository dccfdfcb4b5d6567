namespace BillingOne.AppHost.Configuration;

/// <summary>The AppHost cannot start as configured; the message tells the operator what to change.</summary>
public sealed class AppHostConfigurationException(string message) : Exception(message);
