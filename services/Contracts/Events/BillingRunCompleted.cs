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
    IReadOnlyList<ClientBillingTotal> Clients) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(BillingRunCompleted))
        .Require(OrgId != Guid.Empty && RunId != Guid.Empty, "must carry an organization id and a run id.")
        .Require(EventProblems.IsMonth(Year, Month), $"has period {Year}-{Month}, not a calendar month.")
        .Require(Readings >= 0 && Adjustments >= 0, "has a negative count of lines.")
        .Require(Clients is not null && Clients.All(client => EventProblems.IsCurrencyCode(client.Currency)),
            "has a client total without an ISO 4217 currency code.")
        .ToList();
}
