using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// A finished billing run (metering) is announced on the partner watch stream as an organization-level event: its
/// lines and the month's amount so far per currency, summed over the clients.
/// </summary>
public sealed class BillingRunCompletedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    BillingRunCompletedApplier applier) : ProjectedEventConsumer<BillingRunCompleted>(dataSource, eventLog, applier)
{
    protected override Task AppliedAsync(NpgsqlTransaction transaction, BillingRunCompleted message,
        CancellationToken cancellationToken)
    {
        var totals = message.Clients
            .GroupBy(client => client.Currency, StringComparer.Ordinal)
            .OrderBy(currency => currency.Key, StringComparer.Ordinal)
            .Select(currency => new CurrencyTotal(currency.Key, currency.Sum(client => client.Amount)))
            .ToList();
        var finished = new BillingRunFinishedEvent(message.RunId, message.Year, message.Month, message.Trigger,
            message.Readings, message.Adjustments, message.Clients.Select(client => client.ClientId).Distinct().Count(),
            totals);
        return PartnerWatchEventStore.AppendAsync(transaction, message.OrgId, WatchEventTypes.BillingRunFinished,
            message.CompletedAt, null, null, finished, cancellationToken);
    }
}
