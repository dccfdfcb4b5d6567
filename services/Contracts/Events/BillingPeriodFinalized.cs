namespace BillingOne.Contracts.Events;

/// <summary>
/// A month's billing readings became final (after the organization's grace period, or by hand): from now on they are
/// immutable, and late readings for the month become adjustments of a later month. Invoicing bills from this.
/// </summary>
/// <param name="Year">The billed calendar month's year (each client's month in its own time zone).</param>
/// <param name="Clients">What each client is billed for the month, per currency.</param>
public sealed record BillingPeriodFinalized(
    Guid OrgId,
    int Year,
    int Month,
    DateTimeOffset FinalizedAt,
    IReadOnlyList<ClientBillingTotal> Clients) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(BillingPeriodFinalized))
        .Require(OrgId != Guid.Empty, "must carry an organization id.")
        .Require(EventProblems.IsMonth(Year, Month), $"has period {Year}-{Month}, not a calendar month.")
        .Require(Clients is not null && Clients.All(client => client.ClientId != Guid.Empty
            && EventProblems.IsCurrencyCode(client.Currency) && client.Lines >= 0),
            "has a client total without a client, an ISO 4217 currency code or a count of lines.")
        .ToList();
}

/// <summary>One client's billing lines of a month in one currency: bucket readings and adjustments.</summary>
/// <param name="Amount">Sum of the lines' costs, each already rounded to the currency's minor units.</param>
public sealed record ClientBillingTotal(Guid ClientId, string Currency, decimal Amount, int Lines);
