using BillingOne.Contracts.Events;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A finished billing run changes no read model: it is logged (the consumer's inbox) only to be announced on the
/// partner watch stream, which the consumer does live and a rebuild does not repeat.
/// </summary>
public sealed class BillingRunCompletedApplier : EventApplier<BillingRunCompleted>
{
    public override Guid OrgIdOf(BillingRunCompleted message) => message.OrgId;

    public override void Validate(BillingRunCompleted message)
    {
        Require(message.OrgId != Guid.Empty && message.RunId != Guid.Empty, "must carry an organization id and a run id.");
        Require(message.Year is >= 2000 and <= 9999 && message.Month is >= 1 and <= 12,
            $"has period {message.Year}-{message.Month}, not a calendar month.");
        Require(message.Readings >= 0 && message.Adjustments >= 0, "has a negative count of lines.");
        Require(message.Clients is not null && message.Clients.All(client => IsCurrencyCode(client.Currency)),
            "has a client total without an ISO 4217 currency code.");
    }

    public override Task ApplyAsync(NpgsqlTransaction transaction, BillingRunCompleted message,
        CancellationToken cancellationToken) => Task.CompletedTask;
}
