namespace BillingOne.Contracts.Events;

/// <summary>
/// A billing run wrote its month's draft lines (they replace the month's earlier drafts until it is finalized): the
/// dashboard's revenue by period and last billing follow it.
/// </summary>
/// <param name="Trigger">manual (Run Billing, the API) or schedule.</param>
/// <param name="Adjustments">Lines that correct finalized months with late readings.</param>
/// <param name="Clients">What each client is billed for the month so far, per currency.</param>
public sealed record BillingRunCompleted(
    Guid OrgId,
    Guid RunId,
    int Year,
    int Month,
    string Trigger,
    DateTimeOffset CompletedAt,
    int Readings,
    int Adjustments,
    IReadOnlyList<ClientBillingTotal> Clients);
