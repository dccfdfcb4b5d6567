namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>An item a connector left out of what it read, and why: a sync records it on the run's skipped items.</summary>
/// <param name="What">The item, e.g. <c>NinjaOne device 1042</c>.</param>
public sealed record RmmSkippedItem(string What, string Reason);
