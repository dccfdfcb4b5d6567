namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>An organization's RMM settings lack what a connection needs; the message says what, fit to show an operator.</summary>
public sealed class RmmSettingsException(string message) : Exception(message);
